package vn.loa.controller.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.protocol.message.CommandType;

/** A command with its result counts and, unless listed among others, every device's result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandDetails(String id, CommandType type, Object value, CommandTarget target, String createdBy,
                             String createdAt, String expiresAt, boolean done, Map<ResultStatus, Integer> summary,
                             List<ResultView> results) {

    public record ResultView(String deviceId, ResultStatus status, String reason, Integer latencyMs, String at) {
    }

    static CommandDetails of(IssuedCommand command, Collection<DeviceResult> results, boolean withResults) {
        Map<ResultStatus, Integer> summary = new LinkedHashMap<>();
        for (ResultStatus status : ResultStatus.values()) {
            summary.put(status, 0);
        }
        for (DeviceResult result : results) {
            summary.merge(result.status(), 1, Integer::sum);
        }
        return summarised(command, summary, withResults ? results.stream()
                .map(r -> new ResultView(r.deviceId(), r.status(), r.reason(), r.latencyMs(), r.at().toString()))
                .toList() : null);
    }

    static CommandDetails summarised(IssuedCommand command, Map<ResultStatus, Integer> summary, List<ResultView> results) {
        return new CommandDetails(command.id(), command.type(), command.value(), command.target(), command.createdBy(),
                command.createdAt().toString(), command.expiresAt().toString(),
                summary.getOrDefault(ResultStatus.pending, 0) == 0, summary, results);
    }
}
