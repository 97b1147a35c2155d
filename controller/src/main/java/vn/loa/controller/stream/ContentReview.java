package vn.loa.controller.stream;

import vn.loa.controller.auth.Caller;

/**
 * Whether a caller may put a source's content on air: the streams API answers to the same review as broadcasts, so
 * it is no way around it.
 */
@FunctionalInterface
public interface ContentReview {

    /** @throws vn.loa.controller.http.ApiException when the content is not the caller's to play */
    void require(Caller caller, SourceSpec source);
}
