using FlexMigrate.Core.Schema;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>The errors a user must get right: each names the server and the object and says what to do.</summary>
public sealed class SchemaErrorTests
{
    private const string Db = "fm_schema_err";

    private static string SourceServer => Server(SchemaSession.Source);

    private static string TargetServer => Server(SchemaSession.Target);

    [Fact]
    public async Task A_database_missing_on_the_source_is_named_with_the_server()
    {
        var ex = await Assert.ThrowsAsync<SchemaSelectionException>(
            () => new SchemaReader(SchemaSession.Source).ReadAsync(SchemaSelection.Create(["fm_schema_nowhere"])));

        Assert.Equal(
            $"Database `fm_schema_nowhere` does not exist on the source server {SourceServer}. Check the name (it is "
            + "case-sensitive) and that the migration user can see it, or remove it from --databases.",
            ex.Message);
    }

    [Fact]
    public async Task Errors_name_missing_tables_rejected_views_and_existing_tables()
    {
        await SchemaSession.ResetAsync(Db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {Db};
            CREATE TABLE {Db}.base (id INT NOT NULL PRIMARY KEY);
            CREATE TABLE {Db}.other (id INT NOT NULL PRIMARY KEY);
            CREATE VIEW {Db}.v_base AS SELECT id FROM {Db}.base;
            """);
        var reader = new SchemaReader(SchemaSession.Source);

        var missing = await Assert.ThrowsAsync<SchemaSelectionException>(
            () => reader.ReadAsync(SchemaSelection.Create([Db], [$"{Db}.base", $"{Db}.nope"])));
        Assert.Contains($"--tables do not exist on the source server {SourceServer}: `{Db}`.`nope`.", missing.Message, StringComparison.Ordinal);

        // The view's base table is left out, so the target cannot create the view.
        var schema = await reader.ReadAsync(SchemaSelection.Create([Db], excludeTables: [$"{Db}.base"]));
        Assert.Equal(["other"], schema.Tables.Select(t => t.Name.Name));
        var rejected = await Assert.ThrowsAsync<SchemaMigrationException>(() => SchemaMigrationRunner.RunAsync(schema, SchemaOptions.Default));
        Assert.Equal($"`{Db}`.`v_base`", rejected.ObjectName);
        Assert.Equal(1146, rejected.ServerErrorCode);
        Assert.StartsWith($"The target server {TargetServer} rejected CREATE VIEW for `{Db}`.`v_base`: Table '{Db}.base' doesn't exist (error 1146). Fix or exclude",
            rejected.Message, StringComparison.Ordinal);

        var conflict = await Assert.ThrowsAsync<TargetConflictException>(
            () => new TargetSchemaWriter(SchemaSession.Target, SchemaOptions.Default).CheckTargetAsync(schema, dropExisting: false));
        Assert.Equal([$"table `{Db}`.`other`"], conflict.Conflicts);
        Assert.Equal(
            $"The target server {TargetServer} already has objects this migration would create: table `{Db}`.`other`. "
            + "Drop them, choose other databases, or rerun with --drop-existing to drop them.",
            conflict.Message);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_without_the_password()
    {
        var csb = new MySqlConnectionStringBuilder(SchemaSession.Source) { UserID = "fm_schema_nobody", Password = "s3cr3t-pw" };

        var ex = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => new SchemaReader(csb.ConnectionString).ReadAsync(SchemaSelection.Create([Db])));

        Assert.StartsWith($"The source server {SourceServer} refused the login:", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pw", ex.Message, StringComparison.Ordinal);
    }

    private static string Server(string connectionString)
    {
        var csb = new MySqlConnectionStringBuilder(connectionString);
        return $"{csb.Server}:{csb.Port}";
    }
}
