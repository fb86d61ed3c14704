namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// One step of a cutover (or rollback) and its share of the downtime, on the orchestration's deterministic clock
/// (dispatch included: what the applications wait for). The steps of one cutover add up to its downtime.
/// </summary>
/// <param name="Step">"stop writes", "drain", "deferred objects", "switch on", "old source writable".</param>
/// <param name="Seconds">From the end of the previous step to the end of this one.</param>
/// <param name="Detail">What the step did and, for the switch, how long each of its parallel parts took inside it.</param>
public sealed record CutoverStepTime(string Step, double Seconds, string? Detail = null);
