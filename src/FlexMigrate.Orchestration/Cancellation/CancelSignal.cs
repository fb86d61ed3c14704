using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Cancellation;

/// <summary>
/// Cooperative cancel of a migration: `POST /api/migrations/{id}/cancel` (and the CLI) raise the external event
/// <see cref="EventName"/>; the orchestrator checks <see cref="ThrowIfRequested"/> between phases and waits on
/// <see cref="Requested"/> next to its running activities, lets those finish, restores its Azure changes and completes
/// with outcome Cancelled. Terminating the instance instead would skip the restore, so the API terminates only on
/// request (force) when the orchestration does not react. Deterministic: the event comes from history.
/// </summary>
public sealed class CancelSignal
{
    /// <summary>The external event name; its payload is the reason (a short text, never a secret).</summary>
    public const string EventName = "cancel";

    public CancelSignal(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Requested = context.WaitForExternalEvent<string?>(EventName);
    }

    /// <summary>Completes when a cancel arrives; its result is the reason.</summary>
    public Task<string?> Requested { get; }

    public bool IsRequested => Requested.IsCompleted;

    /// <exception cref="MigrationCancelledException">A cancel has arrived.</exception>
    public void ThrowIfRequested()
    {
        if (IsRequested)
        {
            throw new MigrationCancelledException(Requested.Result ?? "cancelled");
        }
    }
}

/// <summary>Thrown inside an orchestrator when <see cref="CancelSignal"/> fired; the orchestrator catches it, restores and reports.</summary>
public sealed class MigrationCancelledException : Exception
{
    public MigrationCancelledException()
        : this("cancelled")
    {
    }

    public MigrationCancelledException(string reason)
        : base($"The migration was cancelled ({reason}).")
    {
        Reason = reason;
    }

    public MigrationCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public string Reason { get; } = "cancelled";
}
