using FlexMigrate.Core.Schema;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>KeepDefiners and KeepEngines: the target then equals the source without any normalization.</summary>
public sealed class SchemaOptionsTests
{
    private const string Db = "fm_schema_keep";

    [Fact]
    public async Task Kept_definers_and_engines_are_recreated_verbatim()
    {
        await SchemaSession.ResetAsync(Db);
        await ServerPair.ExecSourceAsync("CREATE USER IF NOT EXISTS 'fm_schema_owner'@'%'");
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {Db};
            CREATE TABLE {Db}.m (id INT NOT NULL PRIMARY KEY, v VARCHAR(10), KEY ix_v (v)) ENGINE=MyISAM;
            CREATE TABLE {Db}.a (id INT NOT NULL PRIMARY KEY) ENGINE=Aria PAGE_CHECKSUM=1;
            CREATE DEFINER=`fm_schema_owner`@`%` SQL SECURITY DEFINER VIEW {Db}.v AS SELECT id FROM {Db}.m WITH CHECK OPTION;
            CREATE DEFINER=`fm_schema_owner`@`%` PROCEDURE {Db}.p() SELECT 1;
            CREATE DEFINER=`fm_schema_owner`@`%` TRIGGER {Db}.tr BEFORE INSERT ON {Db}.m FOR EACH ROW SET NEW.v = 'x';
            CREATE DEFINER=`fm_schema_owner`@`%` EVENT {Db}.e ON SCHEDULE EVERY 1 HOUR STARTS '2031-02-03 04:05:06' DISABLE DO SELECT 1;
            """);
        var schema = await new SchemaReader(SchemaSession.Source).ReadAsync(SchemaSelection.Create([Db]));

        var notes = await SchemaMigrationRunner.RunAsync(schema, new SchemaOptions(KeepEngines: true, KeepDefiners: true));

        // The kept definer does not exist on the target (the server says so); events do not run while its scheduler is off.
        Assert.Equal(
            ["Info `fm_schema_keep`.`v`", "Info `fm_schema_keep`.`p`", "Info `fm_schema_keep`.`tr`", "Info `fm_schema_keep`.`e`"],
            notes.Where(n => n.Message.Contains("Note 1449", StringComparison.Ordinal)).Select(n => $"{n.Severity} {n.Object}"));
        Assert.Equal(
            "The target's event_scheduler is OFF: the 1 event(s) created will not run until it is ON (Azure: set the server parameter event_scheduler).",
            Assert.Single(notes, n => !n.Message.Contains("Note 1449", StringComparison.Ordinal)).Message);
        var objects = await SchemaSession.ObjectsAsync(SchemaSession.Source, Db);
        Assert.Equal(6, objects.Count);
        Assert.Equal(objects, await SchemaSession.ObjectsAsync(SchemaSession.Target, Db));
        foreach (var (kind, name) in objects)
        {
            Assert.Equal(
                await SchemaSession.ShowCreateAsync(SchemaSession.Source, kind, Db, name),
                await SchemaSession.ShowCreateAsync(SchemaSession.Target, kind, Db, name));
        }

        Assert.Contains("DEFINER=`fm_schema_owner`@`%`", await SchemaSession.ShowCreateAsync(SchemaSession.Target, "EVENT", Db, "e"), StringComparison.Ordinal);
        Assert.Contains("ENGINE=MyISAM", await SchemaSession.ShowCreateAsync(SchemaSession.Target, "TABLE", Db, "m"), StringComparison.Ordinal);
    }
}
