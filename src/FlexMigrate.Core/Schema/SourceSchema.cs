using FlexMigrate.Core.Metadata;

namespace FlexMigrate.Core.Schema;

/// <summary>The selected part of a source server's schema and metadata, as read by <see cref="SchemaReader"/>.</summary>
/// <param name="Server">"host:port" of the source (no credentials).</param>
/// <param name="ServerVersion">SELECT VERSION().</param>
/// <param name="SqlMode">The source's global sql_mode.</param>
/// <param name="Databases">Selected databases.</param>
/// <param name="Tables">Selected base tables, ordered by database then name.</param>
/// <param name="Views">Selected views, ordered by database then name (not dependency order).</param>
/// <param name="Routines">Stored procedures and functions.</param>
/// <param name="Triggers">Triggers of selected tables, in their firing order per table.</param>
/// <param name="Events">Events.</param>
/// <param name="Notes">Objects seen but not migrated, and why.</param>
public sealed record SourceSchema(
    string Server,
    string ServerVersion,
    string SqlMode,
    IReadOnlyList<DatabaseSchema> Databases,
    IReadOnlyList<TableSchema> Tables,
    IReadOnlyList<ViewSchema> Views,
    IReadOnlyList<RoutineSchema> Routines,
    IReadOnlyList<TriggerSchema> Triggers,
    IReadOnlyList<EventSchema> Events,
    IReadOnlyList<MigrationNote> Notes);
