namespace FlexMigrate.Core.Validation;

/// <summary>
/// Compares the schema objects of databases on source and target: presence and normalized definition of tables,
/// columns, indexes, foreign keys, views, routines, triggers and events. AUTO_INCREMENT counters are not compared;
/// MyISAM on the source equals InnoDB on the target; definers per <see cref="ValidationOptions.MigrationDefiner"/>.
/// </summary>
public static class SchemaComparer
{
    /// <summary>
    /// Compares <paramref name="databases"/>. When <paramref name="tables"/> is given, table-scoped objects (tables,
    /// columns, indexes, foreign keys, triggers) are limited to those tables.
    /// </summary>
    public static async Task<SchemaComparison> CompareAsync(
        string sourceConnectionString,
        string targetConnectionString,
        IReadOnlyList<string> databases,
        ValidationOptions options,
        IReadOnlyCollection<TableRef>? tables,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databases);
        ArgumentNullException.ThrowIfNull(options);
        await using var source = await ServerSnapshot.OpenConnectionAsync(sourceConnectionString, "source", cancellationToken);
        await using var target = await ServerSnapshot.OpenConnectionAsync(targetConnectionString, "target", cancellationToken);
        var sourceObjects = new List<SchemaObject>();
        var targetObjects = new List<SchemaObject>();
        foreach (var database in databases)
        {
            sourceObjects.AddRange(await new SchemaObjectReader(source, database, onSource: true, options).ReadAsync(cancellationToken));
            targetObjects.AddRange(await new SchemaObjectReader(target, database, onSource: false, options).ReadAsync(cancellationToken));
        }

        return Compare(Filter(sourceObjects, tables), Filter(targetObjects, tables));
    }

    internal static SchemaComparison Compare(IReadOnlyList<SchemaObject> source, IReadOnlyList<SchemaObject> target)
    {
        var s = source.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var t = target.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var differences = new List<SchemaDifference>();
        foreach (var id in s.Keys.Union(t.Keys).Order(StringComparer.Ordinal))
        {
            var a = s.GetValueOrDefault(id);
            var b = t.GetValueOrDefault(id);
            var any = a ?? b!;
            if (a is null)
            {
                differences.Add(new SchemaDifference(any.ObjectType, any.Name, SchemaDifferenceKind.Extra, null, b!.Definition));
            }
            else if (b is null)
            {
                differences.Add(new SchemaDifference(any.ObjectType, any.Name, SchemaDifferenceKind.Missing, a.Definition, null));
            }
            else if (!string.Equals(a.Definition, b.Definition, StringComparison.Ordinal))
            {
                differences.Add(new SchemaDifference(any.ObjectType, any.Name, SchemaDifferenceKind.Changed, a.Definition, b.Definition));
            }
        }

        return new SchemaComparison(s.Keys.Union(t.Keys).Count(), differences);
    }

    private static List<SchemaObject> Filter(List<SchemaObject> objects, IReadOnlyCollection<TableRef>? tables)
    {
        if (tables is null)
        {
            return objects;
        }

        var wanted = tables.Select(x => x.Database + "." + x.Table).ToHashSet(StringComparer.Ordinal);
        return objects.Where(o => o.Table is null || wanted.Contains(o.Name[..o.Name.IndexOf('.', StringComparison.Ordinal)] + "." + o.Table)).ToList();
    }
}
