using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.IntegrationTests.Infrastructure;

/// <summary>Polls a running migration's custom status until a condition holds (tests that raise events mid-run).</summary>
internal static class MigrationStatusWaiter
{
    /// <param name="client">The durable client.</param>
    /// <param name="id">The instance.</param>
    /// <param name="condition">What the status must show.</param>
    /// <param name="timeout">How long to wait before failing with the last status seen.</param>
    /// <param name="poll">Delay between reads.</param>
    /// <param name="background">A task running beside the migration (a workload) whose failure ends the wait with its exception.</param>
    public static async Task<MigrationStatus> WaitAsync(
        DurableTaskClient client, string id, Func<MigrationStatus, bool> condition, TimeSpan timeout, TimeSpan poll, Task? background = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        string? last = null;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (background is { IsFaulted: true })
            {
                await background;
            }

            // Custom status comes only with inputs and outputs.
            var meta = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
            Assert.NotNull(meta);
            // Ended before the condition: say how (the failure, or the report it ended with; orchestrator logs do not reach the test output).
            Assert.True(meta.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending,
                $"{meta.RuntimeStatus}: {meta.FailureDetails.Innermost()?.ErrorMessage} output {meta.SerializedOutput?[..Math.Min(6000, meta.SerializedOutput.Length)]}");
            last = meta.SerializedCustomStatus;
            if (meta.SerializedCustomStatus is not null && meta.ReadCustomStatusAs<MigrationStatus>() is { } status && condition(status))
            {
                return status;
            }

            await Task.Delay(poll);
        }

        throw new TimeoutException($"Migration {id} never reached the expected status; last status: {last}");
    }
}
