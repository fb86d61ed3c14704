using FlexMigrate.Azure.Storage;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Input of <see cref="Pipeline.CopyGroupOrchestrator"/>: one group of small tables the load copies in a
/// sub-orchestration of its own (issue 20), so the parent's history grows by a group, not by its tables. The tables
/// travel by reference when the plan's list does: a range of the plan's stored list, of which the group takes the small
/// ones (the same rule the parent cut it with), read by the group itself; a plan short enough to travel inline carries them here.
/// </summary>
/// <param name="Batch">What every batch of the group is copied with (connections by name, chunk rows, schema options,
/// ledger, catalog); its Tables are the group's own when <paramref name="TablesReference"/> is null, else empty.</param>
/// <param name="TablesReference">The plan's stored table list (null: the tables are in <paramref name="Batch"/>).</param>
/// <param name="Skip">Where the group's range starts in the stored list.</param>
/// <param name="Take">How many entries of the stored list the range spans (small and large; the large are the parent's).</param>
/// <param name="Control">The parent's live control when the group was started (pause, parallelism, throttle conditions);
/// later commands are forwarded to the group as they arrive.</param>
public sealed record CopyGroupStep(SmallTablesStep Batch, PayloadReference? TablesReference, int Skip, int Take, ThrottleStatus Control);
