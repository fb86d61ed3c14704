using FlexMigrate.Core.Schema;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>
/// Migrates <see cref="SchemaFixture"/> with the default options (engines to InnoDB, definers rewritten) and checks
/// that normalized SHOW CREATE of every object on the target equals the source's; then that every phase can run
/// again, and that CheckTarget refuses, then with dropExisting replaces, the existing objects.
/// </summary>
public sealed class SchemaMigrationTests
{
    private static readonly string[] Databases = [SchemaFixture.DbA, SchemaFixture.DbB];

    [Fact]
    public async Task Every_object_is_recreated_exactly_and_every_phase_is_idempotent()
    {
        await SchemaSession.ResetAsync(Databases);
        await ServerPair.ExecSourceAsync("CREATE USER IF NOT EXISTS 'fm_schema_owner'@'%'");
        await ServerPair.ExecSourceAsync(SchemaFixture.Tables);
        await ServerPair.ExecSourceAsync(SchemaFixture.Metadata);
        var schema = await new SchemaReader(SchemaSession.Source).ReadAsync(SchemaSelection.Create(Databases));

        var notes = await SchemaMigrationRunner.RunAsync(schema, SchemaOptions.Default);

        await AssertTargetEqualsSourceAsync();
        Assert.Equal(
            ["`fm_schema_a`.`aria_t`: Aria", "`fm_schema_a`.`legacy`: MyISAM"],
            notes.Where(n => n.Message.StartsWith("Engine ", StringComparison.Ordinal))
                .Select(n => $"{n.Object}: {n.Message.Split(' ')[1]}").Order(StringComparer.Ordinal));
        var definerNotes = notes.Where(n => n.Message.StartsWith("DEFINER", StringComparison.Ordinal)).ToList();
        Assert.Equal(schema.Views.Count + schema.Routines.Count + schema.Triggers.Count + schema.Events.Count, definerNotes.Count);
        Assert.Contains(definerNotes, n => n.Object == "`fm_schema_a`.`p_add`" && n.Message.Contains(SchemaFixture.Owner, StringComparison.Ordinal));

        // A retried activity runs a phase again over what it already did: nothing may fail or change.
        await SchemaMigrationRunner.RunAsync(schema, SchemaOptions.Default, checkTarget: false);
        await AssertTargetEqualsSourceAsync();

        var conflict = await Assert.ThrowsAsync<TargetConflictException>(
            () => new TargetSchemaWriter(SchemaSession.Target, SchemaOptions.Default).CheckTargetAsync(schema, dropExisting: false));
        Assert.Contains("table `fm_schema_a`.`types`", conflict.Conflicts);
        Assert.Contains("procedure `fm_schema_a`.`p_add`", conflict.Conflicts);
        Assert.Contains("--drop-existing", conflict.Message, StringComparison.Ordinal);
        Assert.Contains(ServerPair.TargetConnectionString.Contains("Port=", StringComparison.Ordinal) ? "127.0.0.1:" : "", conflict.Message, StringComparison.Ordinal);

        var rerun = await SchemaMigrationRunner.RunAsync(schema, SchemaOptions.Default, dropExisting: true);
        Assert.Equal(conflict.Conflicts.Count, rerun.Count(n => n.Message.StartsWith("Existing ", StringComparison.Ordinal)));
        await AssertTargetEqualsSourceAsync();
    }

    private static async Task AssertTargetEqualsSourceAsync()
    {
        var migrationUser = (string)(await ServerPair.ScalarAsync(SchemaSession.Target, "SELECT CURRENT_USER()"))!;
        var quotedUser = "`" + migrationUser.Replace("@", "`@`", StringComparison.Ordinal) + "`";
        foreach (var db in Databases)
        {
            var sourceObjects = await SchemaSession.ObjectsAsync(SchemaSession.Source, db);
            Assert.Equal(sourceObjects, await SchemaSession.ObjectsAsync(SchemaSession.Target, db));
            foreach (var (kind, name) in sourceObjects)
            {
                var source = await SchemaSession.ShowCreateAsync(SchemaSession.Source, kind, db, name);
                var target = await SchemaSession.ShowCreateAsync(SchemaSession.Target, kind, db, name);
                if (kind == "TABLE")
                {
                    Assert.Equal(ShowCreateNormalizer.EngineToInnoDb(source), target);
                }
                else
                {
                    // Objects created under ANSI_QUOTES print their definer with double quotes.
                    Assert.Contains($"DEFINER={quotedUser}", target.Replace('"', '`'), StringComparison.Ordinal);
                    Assert.Equal(ShowCreateNormalizer.DefinerPlaceholder(source), ShowCreateNormalizer.DefinerPlaceholder(target));
                }
            }
        }
    }
}
