package vn.loa.controller.command;

import java.util.List;

/** One page of a list, as every list endpoint returns it. */
public record Page<T>(List<T> items, long total) {
}
