using FlexMigrate.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Functions.Queue;

/// <summary>
/// Event-driven cutover: a message `{"migrationId": "...", "stopWrites": "readOnly", "timeoutSeconds": 300}` on the
/// storage queue `flexmigrate-cutover` (in the app's AzureWebJobsStorage account) raises the migration's cutover
/// event, so a deployment pipeline or an Event Grid subscription can trigger it. A message that cannot be acted on
/// throws, so the Functions runtime retries it and then moves it to `flexmigrate-cutover-poison` with the reason logged.
/// </summary>
public sealed class CutoverQueueTrigger(ILogger<CutoverQueueTrigger> logger)
{
    public const string QueueName = "flexmigrate-cutover";

    [Function("CutoverFromQueue")]
    public async Task Run([QueueTrigger(QueueName, Connection = "AzureWebJobsStorage")] string message, [DurableClient] DurableTaskClient client)
    {
        var parsed = CutoverRequestParser.Parse(message, "queue", requireMigrationId: true);
        if (parsed.Request is null)
        {
            throw new InvalidOperationException("Cutover message rejected: " + string.Join(" ", parsed.Errors.Select(e => $"{e.Key}: {e.Value}")));
        }

        var problem = await CutoverRaiser.RaiseAsync(client, parsed.MigrationId!, parsed.Request);
        if (problem is not null)
        {
            throw new InvalidOperationException($"Cutover message rejected: {problem.Detail}");
        }

        logger.LogInformation("Cutover requested from queue {Queue} for migration {MigrationId} ({StopWrites}, timeout {TimeoutSeconds} s)",
            QueueName, parsed.MigrationId, parsed.Request.StopWrites, parsed.Request.TimeoutSeconds);
    }
}
