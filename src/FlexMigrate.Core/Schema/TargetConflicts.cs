namespace FlexMigrate.Core.Schema;

/// <summary>An object on the target that the migration would create.</summary>
/// <param name="Kind">"table", "view", "procedure", "function", "trigger" or "event".</param>
/// <param name="Name">Database and name.</param>
internal sealed record TargetConflict(string Kind, ObjectName Name)
{
    public string Describe => $"{Kind} {Name}";

    public string DropStatement => $"DROP {Kind.ToUpperInvariant()} IF EXISTS {Name}";
}

/// <summary>Finds <see cref="TargetConflict"/>s: same-named objects in the selected databases on the target.</summary>
internal static class TargetConflicts
{
    public static async Task<List<TargetConflict>> FindAsync(ServerSession target, SourceSchema schema, CancellationToken ct)
    {
        var conflicts = new List<TargetConflict>();
        foreach (var db in schema.Databases.Select(d => d.Name))
        {
            var wanted = new Dictionary<(string Kind, string Name), bool>();
            foreach (var t in schema.Tables.Where(t => t.Name.Database == db))
            {
                wanted[("table", t.Name.Name)] = true;
            }

            foreach (var v in schema.Views.Where(v => v.Name.Database == db))
            {
                wanted[("view", v.Name.Name)] = true;
            }

            foreach (var r in schema.Routines.Where(r => r.Name.Database == db))
            {
                wanted[(r.Kind.ToString().ToLowerInvariant(), r.Name.Name)] = true;
            }

            foreach (var t in schema.Triggers.Where(t => t.Name.Database == db))
            {
                wanted[("trigger", t.Name.Name)] = true;
            }

            foreach (var e in schema.Events.Where(e => e.Name.Database == db))
            {
                wanted[("event", e.Name.Name)] = true;
            }

            // Triggers first: dropping a table drops its triggers, so a later DROP TRIGGER IF EXISTS stays harmless,
            // and views before tables so a view over a dropped table is never left behind invalid.
            var existing = await target.QueryAsync(
                "SELECT 'trigger' AS KIND, TRIGGER_NAME AS NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db "
                + "UNION ALL SELECT 'event', EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = @db "
                + "UNION ALL SELECT LOWER(ROUTINE_TYPE), ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = @db "
                + "UNION ALL SELECT IF(TABLE_TYPE = 'VIEW', 'view', 'table'), TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db "
                + "ORDER BY FIELD(KIND, 'trigger', 'event', 'procedure', 'function', 'view', 'table'), NAME",
                ct, ("@db", db));
            foreach (var row in existing)
            {
                var kind = row.Text("KIND");
                var name = row.Text("NAME");
                // A table where a view will go (or the reverse) conflicts too: they share one namespace.
                var clash = wanted.ContainsKey((kind, name))
                    || (kind is "table" or "view" && (wanted.ContainsKey(("table", name)) || wanted.ContainsKey(("view", name))));
                if (clash)
                {
                    conflicts.Add(new TargetConflict(kind, new ObjectName(db, name)));
                }
            }
        }

        return conflicts;
    }
}
