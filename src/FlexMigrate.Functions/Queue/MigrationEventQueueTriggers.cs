using FlexMigrate.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Functions.Queue;

/// <summary>
/// Event-driven cutover and control through storage queues (in the app's AzureWebJobsStorage account), so a
/// deployment pipeline, a scheduler or an Event Grid subscription can steer a migration:
/// <list type="bullet">
/// <item>`flexmigrate-cutover`: `{"migrationId": "...", "stopWrites": "readOnly", "timeoutSeconds": 300}` raises the cutover.</item>
/// <item>`flexmigrate-rollback` and `flexmigrate-finish`: the same shape as cutover, while the migration replicates
/// back to its old source (reverseAfterCutover).</item>
/// <item>`flexmigrate-control`: the same shape with a control command, `{"migrationId": "...", "action": "set", "name":
/// "max-rows-per-second", "value": 5000}` (docs/throttling.md).</item>
/// </list>
/// A message that cannot be acted on throws, so the Functions runtime retries it and then moves it to the queue's
/// `-poison` queue with the reason logged.
/// </summary>
public sealed class MigrationEventQueueTriggers(ILogger<MigrationEventQueueTriggers> logger)
{
    public const string CutoverQueueName = "flexmigrate-cutover";
    public const string ControlQueueName = "flexmigrate-control";
    public const string RollbackQueueName = "flexmigrate-rollback";
    public const string FinishQueueName = "flexmigrate-finish";

    [Function("CutoverFromQueue")]
    public async Task Cutover([QueueTrigger(CutoverQueueName, Connection = "AzureWebJobsStorage")] string message, [DurableClient] DurableTaskClient client)
    {
        var parsed = CutoverRequestParser.Parse(message, "queue", requireMigrationId: true);
        Check("Cutover", parsed.Errors, parsed.Request is null ? null : await CutoverRaiser.RaiseAsync(client, parsed.MigrationId!, parsed.Request));
        logger.LogInformation("Cutover requested from queue {Queue} for migration {MigrationId} ({StopWrites}, timeout {TimeoutSeconds} s)",
            CutoverQueueName, parsed.MigrationId, parsed.Request!.StopWrites, parsed.Request.TimeoutSeconds);
    }

    [Function("RollbackFromQueue")]
    public Task Rollback([QueueTrigger(RollbackQueueName, Connection = "AzureWebJobsStorage")] string message, [DurableClient] DurableTaskClient client) =>
        ReverseAsync(Orchestration.Online.OnlineMigrationOrchestrator.RollbackEvent, RollbackQueueName, message, client);

    [Function("FinishFromQueue")]
    public Task Finish([QueueTrigger(FinishQueueName, Connection = "AzureWebJobsStorage")] string message, [DurableClient] DurableTaskClient client) =>
        ReverseAsync(Orchestration.Online.OnlineMigrationOrchestrator.FinishEvent, FinishQueueName, message, client);

    [Function("ControlFromQueue")]
    public async Task Control([QueueTrigger(ControlQueueName, Connection = "AzureWebJobsStorage")] string message, [DurableClient] DurableTaskClient client)
    {
        var parsed = ControlRequestParser.Parse(message, "queue", requireMigrationId: true);
        Check("Control", parsed.Errors, parsed.Request is null ? null : await ControlRaiser.RaiseAsync(client, parsed.MigrationId!, parsed.Request));
        logger.LogInformation("Control {Change} requested from queue {Queue} for migration {MigrationId}", parsed.Request!.Describe(), ControlQueueName, parsed.MigrationId);
    }

    private async Task ReverseAsync(string eventName, string queue, string message, DurableTaskClient client)
    {
        var parsed = CutoverRequestParser.Parse(message, "queue", requireMigrationId: true);
        Check(eventName, parsed.Errors, parsed.Request is null ? null : await CutoverRaiser.RaiseAsync(client, parsed.MigrationId!, eventName, parsed.Request));
        logger.LogInformation("{Event} requested from queue {Queue} for migration {MigrationId}", eventName, queue, parsed.MigrationId);
    }

    /// <exception cref="InvalidOperationException">The message was refused (the runtime retries, then poisons it).</exception>
    private static void Check(string kind, IReadOnlyDictionary<string, string> errors, ProblemDetails? problem)
    {
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{kind} message rejected: " + string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")));
        }

        if (problem is not null)
        {
            throw new InvalidOperationException($"{kind} message rejected: {problem.Detail}");
        }
    }
}
