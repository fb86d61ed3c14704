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

/// <summary>One schema object that differs.</summary>
/// <param name="ObjectType">database, table, column, index, foreign key, view, procedure, function, trigger or event.</param>
/// <param name="Name">Qualified name: db.table for tables, views, routines, triggers, events; db.table.name for columns, indexes, foreign keys.</param>
/// <param name="Kind">Missing, extra or changed.</param>
/// <param name="Source">Normalized definition on the source (null when missing there).</param>
/// <param name="Target">Normalized definition on the target (null when missing there).</param>
public sealed record SchemaDifference(string ObjectType, string Name, SchemaDifferenceKind Kind, string? Source, string? Target);

/// <summary>Result of comparing the schemas of some databases.</summary>
/// <param name="ObjectsCompared">Objects found on either server.</param>
/// <param name="Differences">Differing objects in (type, name) order.</param>
public sealed record SchemaComparison(int ObjectsCompared, IReadOnlyList<SchemaDifference> Differences)
{
    public bool IsEqual => Differences.Count == 0;
}
