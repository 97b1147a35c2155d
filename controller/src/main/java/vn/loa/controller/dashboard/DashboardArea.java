package vn.loa.controller.dashboard;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** An area as the dashboard names it; the path places speakers under it. */
public record DashboardArea(long id, String name, String kind, @JsonIgnore String path) {
}
