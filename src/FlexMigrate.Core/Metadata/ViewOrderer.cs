using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Metadata;

/// <summary>
/// Orders views so each is created after the views it reads from (Kahn's topological sort; among ready views, by
/// database then name, so the order is deterministic). Creating over placeholders, as mysqldump does, is not an
/// option: a WITH CHECK OPTION view over a placeholder table fails ("CHECK OPTION on non-updatable view").
/// </summary>
public static class ViewOrderer
{
    /// <summary>Returns <paramref name="views"/> in creation order.</summary>
    /// <exception cref="SchemaMigrationException">The dependencies form a cycle (names the views involved).</exception>
    public static IReadOnlyList<ViewSchema> Order(IReadOnlyList<ViewSchema> views)
    {
        ArgumentNullException.ThrowIfNull(views);
        var byName = views.ToDictionary(v => v.Name);
        var pending = views.ToDictionary(v => v.Name, v => v.DependsOn.Where(byName.ContainsKey).Distinct().Count());
        var dependents = views.SelectMany(v => v.DependsOn.Where(byName.ContainsKey).Distinct().Select(d => (d, v.Name)))
            .ToLookup(p => p.d, p => p.Name);
        var ready = new SortedSet<ObjectName>(pending.Where(p => p.Value == 0).Select(p => p.Key), NameComparer.Instance);
        var ordered = new List<ViewSchema>(views.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            ordered.Add(byName[next]);
            foreach (var dependent in dependents[next])
            {
                if (--pending[dependent] == 0)
                {
                    ready.Add(dependent);
                }
            }
        }

        if (ordered.Count != views.Count)
        {
            var cycle = pending.Where(p => p.Value > 0).Select(p => p.Key.ToString()).Order(StringComparer.Ordinal);
            throw new SchemaMigrationException(
                $"Views depend on each other in a cycle and cannot be ordered: {string.Join(", ", cycle)}. "
                + "Check their definitions on the source (or exclude them) and rerun.");
        }

        return ordered;
    }

    private sealed class NameComparer : IComparer<ObjectName>
    {
        public static readonly NameComparer Instance = new();

        public int Compare(ObjectName? x, ObjectName? y)
        {
            var db = string.CompareOrdinal(x?.Database, y?.Database);
            return db != 0 ? db : string.CompareOrdinal(x?.Name, y?.Name);
        }
    }
}
