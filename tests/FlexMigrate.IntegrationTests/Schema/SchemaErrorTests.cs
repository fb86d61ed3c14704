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

    /// <summary>
    /// SHOW CREATE runs many objects per round trip (ShowCreateBatch): each definition must still land on its own object,
    /// and an object the user cannot read, in the middle of a batch, is the one named.
    /// </summary>
    [Fact]
    public async Task Many_definitions_read_per_round_trip_stay_with_their_objects_and_an_unreadable_one_is_named()
    {
        const string open = "fm_schema_err_open", closed = "fm_schema_err_closed", later = "fm_schema_err_later";
        await SchemaSession.ResetAsync(open, closed, later);
        var views = string.Concat(new[] { open, closed, later }.SelectMany(db => Enumerable.Range(1, 3).Select(i =>
            $"CREATE VIEW `{db}`.v{i} AS SELECT id, {i} AS n_{db} FROM `{db}`.t;")));
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {open}; CREATE DATABASE {closed}; CREATE DATABASE {later};
            CREATE TABLE {open}.t (id INT PRIMARY KEY); CREATE TABLE {closed}.t (id INT PRIMARY KEY); CREATE TABLE {later}.t (id INT PRIMARY KEY);
            {views}
            DROP USER IF EXISTS fm_schema_viewer@'127.0.0.1';
            CREATE USER fm_schema_viewer@'127.0.0.1' IDENTIFIED BY 'viewer-pw';
            GRANT SELECT, SHOW VIEW ON {open}.* TO fm_schema_viewer@'127.0.0.1';
            GRANT SELECT ON {closed}.* TO fm_schema_viewer@'127.0.0.1';
            GRANT SELECT, SHOW VIEW ON {later}.* TO fm_schema_viewer@'127.0.0.1';
            """);
        var selection = SchemaSelection.Create([open, closed, later]);

        var schema = await new SchemaReader(SchemaSession.Source).ReadAsync(selection);
        Assert.Equal(9, schema.Views.Count);
        foreach (var view in schema.Views)
        {
            // Each view selects a column named after its database and its own number: its definition, not a neighbour's.
            Assert.Contains("CREATE ALGORITHM", view.CreateStatement, StringComparison.Ordinal);
            Assert.Contains($"VIEW `{view.Name.Database}`.`{view.Name.Name}` AS", view.CreateStatement, StringComparison.Ordinal);
            Assert.Contains($"{view.Name.Name[1..]} AS `n_{view.Name.Database}`", view.CreateStatement, StringComparison.Ordinal);
        }

        var viewer = new MySqlConnectionStringBuilder(SchemaSession.Source) { UserID = "fm_schema_viewer", Password = "viewer-pw" };
        var ex = await Assert.ThrowsAsync<SchemaMigrationException>(() => new SchemaReader(viewer.ConnectionString).ReadAsync(selection));
        Assert.Equal($"`{closed}`.`v1`", ex.ObjectName);
        Assert.Equal(1142, ex.ServerErrorCode);
        Assert.StartsWith($"Cannot read view `{closed}`.`v1` on the source server {SourceServer}: ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("Fix the object on the source (e.g. a view over a dropped table) or exclude it, then rerun.", ex.Message, StringComparison.Ordinal);
        await ServerPair.ExecSourceAsync("DROP USER fm_schema_viewer@'127.0.0.1'");
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
