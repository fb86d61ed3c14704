using FlexMigrate.Core.Schema;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Input of <see cref="Activities.CopySmallTablesActivity"/>: a batch of tables the plan estimates to fit one chunk,
/// planned, copied and indexed in one activity call (issue 20: one call per table made durable history, and its replay
/// on every completion, grow with the table count). By names only: connections by name, the tables as planned.
/// </summary>
/// <param name="SourceConnection">Name of the source connection.</param>
/// <param name="TargetConnection">Name of the target connection.</param>
/// <param name="Tables">The batch, in plan order.</param>
/// <param name="ChunkRows">The migration's rows per chunk: a table the source now estimates above it is handed back to
/// the chunk path instead of being copied here.</param>
/// <param name="Schema">The options the target's DDL is written with (engines, definers).</param>
/// <param name="IncludeUnique">Whether UNIQUE indexes are added with the others (offline); online leaves them for the
/// catch-up (see <see cref="Activities.AddUniqueIndexesActivity"/>).</param>
/// <param name="MigrationId">The migration whose ledger records each table's one chunk in the chunk's own transaction;
/// null copies without a ledger.</param>
/// <param name="Throttle">The throttle conditions in force when the batch was handed out; null when none is set.</param>
/// <param name="Run">The ledger's run in which this orchestration instance started: a table copied in an earlier run
/// counts no rows in this instance's report (a run reports what it copied, as the chunk path does); null without one.</param>
/// <param name="Catalog">The source schema the plan stored (issue 13): the tables' copy specs and indexes come from it;
/// null reads each table from the source.</param>
public sealed record SmallTablesStep(string SourceConnection, string TargetConnection, IReadOnlyList<TableWork> Tables, long ChunkRows,
    SchemaOptions Schema, bool IncludeUnique, string? MigrationId = null, Core.Throttling.ThrottleSettings? Throttle = null, int? Run = null,
    FlexMigrate.Azure.Storage.PayloadReference? Catalog = null);
