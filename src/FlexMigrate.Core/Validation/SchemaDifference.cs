namespace FlexMigrate.Core.Validation;

/// <summary>How a schema object differs on the target.</summary>
public enum SchemaDifferenceKind
{
    /// <summary>On the source, not on the target.</summary>
    Missing,

    /// <summary>On the target, not on the source.</summary>
    Extra,

    /// <summary>On both, defined differently.</summary>
    Changed,
}

/// <summary>One schema object that differs, or one attribute of it.</summary>
/// <param name="ObjectType">database, table, column, index, foreign key, view, procedure, function, trigger or event.</param>
/// <param name="Name">Qualified name: db.table for tables, views, routines, triggers, events; db.table.name for columns, indexes, foreign keys.</param>
/// <param name="Kind">Missing, extra or changed.</param>
/// <param name="Source">Normalized value on the source (null when missing there).</param>
/// <param name="Target">Normalized value on the target (null when missing there).</param>
/// <param name="Attribute">For a change, the attribute that differs ("definition", "character_set_client", "sql_mode",
/// "collation_connection", "database_collation", "security_type", "status", ...); docs/validation.md lists them per kind.</param>
public sealed record SchemaDifference(
    string ObjectType, string Name, SchemaDifferenceKind Kind, string? Source, string? Target, string? Attribute = null);

/// <summary>Result of comparing the schemas of some databases.</summary>
/// <param name="ObjectsCompared">Objects found on either server.</param>
/// <param name="Differences">Differing objects and attributes in (type, name, attribute) order.</param>
/// <param name="Notes">What was compared after an intended translation (e.g. an sql_mode flag the target does not know).</param>
public sealed record SchemaComparison(int ObjectsCompared, IReadOnlyList<SchemaDifference> Differences, IReadOnlyList<string>? Notes = null)
{
    public bool IsEqual => Differences.Count == 0;
}
