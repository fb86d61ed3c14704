namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Payload of the external event <c>cutover</c> (HTTP, queue message or CLI): how to stop writes and how long the
/// cutover may take before it gives up, undoes what it did and goes back to replicating.
/// </summary>
/// <param name="StopWrites">How writes on the source are stopped.</param>
/// <param name="TimeoutSeconds">Limit for draining the remaining changes and switching the target.</param>
/// <param name="RequestedBy">Who asked (e.g. "http", "queue", "cli", "lag-below-1s"), for the report.</param>
public sealed record CutoverRequest(StopWritesMode StopWrites = StopWritesMode.ReadOnly, int TimeoutSeconds = 300, string? RequestedBy = null);
