using System.Net;
using FlexMigrate.Functions;
using FlexMigrate.Functions.Http;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Tests.Functions;
using Microsoft.Extensions.Configuration;

namespace FlexMigrate.IntegrationTests.Http;

/// <summary>
/// `POST /api/precheck` runs the precheck a migration starts with (PrecheckOrchestrator: the same steps and
/// activities), so it reports what the migration would do: with dropExisting a table already on the target is a
/// warning ("it will be dropped"), not the error a bare precheck reports. Real MariaDB pair, in-process engine.
/// </summary>
public sealed class PrecheckHttpTests
{
    private const string Db = "fm_http_precheck";

    private static readonly PrecheckHttp Http = new(new ConfigurationConnectionCatalog(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:source"] = ServerPair.SourceConnectionString,
            ["ConnectionStrings:target"] = ServerPair.TargetConnectionString,
        })
        .Build()));

    [Theory]
    [InlineData(false, "error")]
    [InlineData(true, "warning")]
    public async Task A_table_already_on_the_target_is_reported_as_the_migration_would_treat_it(bool dropExisting, string severity)
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE `{Db}`; CREATE TABLE `{Db}`.items (id INT PRIMARY KEY)");
        await ServerPair.ExecTargetAsync($"CREATE DATABASE `{Db}`; CREATE TABLE `{Db}`.items (id INT PRIMARY KEY)");
        await using var host = await InProcessMigration.StartHostAsync();

        var body = $$"""{"source":"source","target":"target","databases":["{{Db}}"],"dropExisting":{{(dropExisting ? "true" : "false")}}}""";
        var response = (FakeHttpResponse)await Http.Run(new FakeHttpRequest("POST", "https://fm.test/api/precheck", body), host.Client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var finding = Assert.Single(response.Json().GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("rule").GetString() == "compat.table-exists");
        Assert.Equal(severity, finding.GetProperty("severity").GetString());
        Assert.Equal(dropExisting, finding.GetProperty("message").GetString()!.EndsWith("It will be dropped (--drop-existing).", StringComparison.Ordinal));
    }
}
