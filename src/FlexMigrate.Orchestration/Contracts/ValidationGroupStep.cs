using FlexMigrate.Azure.Storage;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Input of <see cref="Validation.ValidationGroupOrchestrator"/>: one group of a validation's tables, compared in a
/// sub-orchestration of its own (issue 20): a range of the stored table list, read by the group itself, or the tables
/// inline when the list was short enough to travel inline.
/// </summary>
/// <param name="SourceConnection">Name of the source connection.</param>
/// <param name="TargetConnection">Name of the target connection.</param>
/// <param name="ValidationId">The validation's instance id: the group's results are stored under it.</param>
/// <param name="Index">The group's position among the validation's groups.</param>
/// <param name="Tables">The group's tables when the list is inline, else empty.</param>
/// <param name="TablesReference">The stored table list (null: the tables are in <paramref name="Tables"/>).</param>
/// <param name="Skip">Where the group's range starts in the stored list.</param>
/// <param name="Take">How many tables the range holds.</param>
public sealed record ValidationGroupStep(
    string SourceConnection, string TargetConnection, string ValidationId, int Index,
    IReadOnlyList<TableWork> Tables, PayloadReference? TablesReference, int Skip, int Take);
