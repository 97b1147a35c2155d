package vn.loa.controller.http;

import io.javalin.Javalin;

/** One feature's HTTP endpoints. Authentication is enforced for every /api path by the server, not here. */
public interface Routes {
    void register(Javalin app);
}
