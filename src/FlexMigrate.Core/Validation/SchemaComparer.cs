using FlexMigrate.Core.Sql;
using MySqlConnector;

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

        var notes = await FitSqlModesAsync(sourceObjects, target, cancellationToken);
        return Compare(Filter(sourceObjects, tables), Filter(targetObjects, tables)) with { Notes = notes };
    }

    /// <summary>
    /// A source object's sql_mode is compared as the target can hold it: the migration creates objects without flags
    /// the target does not know (SqlModeFlags lists what each changes), so those are left out here too, with a note.
    /// </summary>
    private static async Task<List<string>> FitSqlModesAsync(List<SchemaObject> objects, MySqlConnection target, CancellationToken cancellationToken)
    {
        var fitter = new SqlModeFitter(async (mode, ct) =>
        {
            await using var set = new MySqlCommand("SET SESSION sql_mode = @m", target);
            set.Parameters.AddWithValue("@m", mode);
            try
            {
                await set.ExecuteNonQueryAsync(ct);
                return true;
            }
            catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.WrongValueForVariable)
            {
                return false;
            }
        });
        var notes = new List<string>();
        for (var i = 0; i < objects.Count; i++)
        {
            if (objects[i].Attributes.FirstOrDefault(a => a.Name == "sql_mode") is not { } mode)
            {
                continue;
            }

            var fit = await fitter.FitAsync(mode.Value, cancellationToken);
            if (fit.Dropped.Count > 0)
            {
                objects[i] = objects[i] with { Attributes = [.. objects[i].Attributes.Select(a => a == mode ? a with { Value = fit.Mode } : a)] };
                notes.Add($"{objects[i].ObjectType} {objects[i].Name}: sql_mode compared without {string.Join(", ", fit.Dropped)}, which the target does not know.");
            }
        }

        return notes;
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
            else
            {
                differences.AddRange(ChangedAttributes(a, b));
            }
        }

        return new SchemaComparison(s.Keys.Union(t.Keys).Count(), differences);
    }

    /// <summary>One difference per attribute both sides have and compare unequal (a server that lacks one, e.g. MySQL's missing database comment, is not compared on it).</summary>
    private static IEnumerable<SchemaDifference> ChangedAttributes(SchemaObject a, SchemaObject b)
    {
        var target = b.Attributes.ToDictionary(x => x.Name, StringComparer.Ordinal);
        foreach (var source in a.Attributes)
        {
            if (!target.TryGetValue(source.Name, out var other) || string.Equals(source.Compared, other.Compared, StringComparison.Ordinal))
            {
                continue;
            }

            var same = string.Equals(source.Value, other.Value, StringComparison.Ordinal);
            yield return new SchemaDifference(a.ObjectType, a.Name, SchemaDifferenceKind.Changed,
                same ? $"{source.Value} [bytes {source.Key}]" : source.Value,
                same ? $"{other.Value} [bytes {other.Key}]" : other.Value,
                source.Name);
        }
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
