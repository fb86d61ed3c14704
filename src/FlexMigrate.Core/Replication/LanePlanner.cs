namespace FlexMigrate.Core.Replication;

/// <summary>
/// Splits a window of source transactions into lanes for the parallel applier: transactions that share a conflict
/// key (<see cref="ConflictKeys"/>), directly or through a chain of others, form one group and land in one lane in
/// source order; groups go largest first to the least loaded lane.
/// </summary>
internal static class LanePlanner
{
    /// <summary>For each of <paramref name="lanes"/> lanes, the indexes of its transactions in ascending (source) order.</summary>
    public static List<List<int>> Plan(IReadOnlyList<IReadOnlyCollection<long>> keys, IReadOnlyList<int> weights, int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        var parent = Enumerable.Range(0, keys.Count).ToArray();
        var owner = new Dictionary<long, int>();
        for (var i = 0; i < keys.Count; i++)
        {
            foreach (var key in keys[i])
            {
                if (owner.TryGetValue(key, out var other))
                {
                    parent[Root(parent, i)] = Root(parent, other);
                }
                else
                {
                    owner[key] = i;
                }
            }
        }

        var groups = Enumerable.Range(0, keys.Count).GroupBy(i => Root(parent, i))
            .Select(g => (Members: g.ToList(), Weight: g.Sum(i => (long)Math.Max(1, weights[i]))))
            .OrderByDescending(g => g.Weight).ThenBy(g => g.Members[0]);
        var plan = Enumerable.Range(0, lanes).Select(_ => new List<int>()).ToList();
        var load = new long[lanes];
        foreach (var (members, weight) in groups)
        {
            var lane = Array.IndexOf(load, load.Min());
            plan[lane].AddRange(members);
            load[lane] += weight;
        }

        foreach (var lane in plan)
        {
            lane.Sort();
        }

        return plan;
    }

    private static int Root(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }
}
