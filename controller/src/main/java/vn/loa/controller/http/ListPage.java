package vn.loa.controller.http;

import java.util.List;

/** One page of a list: {@code {"items": [...], "total": n}}, where total counts every match, not just this page. */
public record ListPage<T>(List<T> items, long total) {
}
