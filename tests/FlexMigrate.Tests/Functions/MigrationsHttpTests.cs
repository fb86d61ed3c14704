using System.Net;
using System.Reflection;
using System.Text.Json;
using FlexMigrate.Functions;
using FlexMigrate.Functions.Http;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Online;
using FlexMigrate.Orchestration.Validation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;

namespace FlexMigrate.Tests.Functions;

/// <summary>
/// The HTTP functions called directly with fake requests and the in-process durable engine's client: problem details
/// naming the field or id, function keys on every route, the status filter, cooperative cancel, and online migrations
/// served like offline ones. The orchestrators registered under the migration names are stand-ins that wait for the
/// cancel event (and the validation one echoes its databases), so no server is needed.
/// </summary>
public sealed class MigrationsHttpTests : IAsyncLifetime
{
    private const string Base = "https://fm.test/api/";
    private const string TargetId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fm/providers/Microsoft.DBforMySQL/flexibleServers/fm-tgt";
    private const string SingleId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fm/providers/Microsoft.DBforMySQL/servers/fm-src";

    private readonly MigrationsHttp http = new(new ConfigurationConnectionCatalog(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:source"] = "Server=s", ["ConnectionStrings:target"] = "Server=t" })
        .Build()));

    private DurableTaskTestHost host = null!;

    private DurableTaskClient Client => host.Client;

    public async Task InitializeAsync() => host = await DurableTaskTestHost.StartAsync(
        registry =>
        {
            registry.AddOrchestratorFunc<MigrationRequest, MigrationReport?>(nameof(MigrationOrchestrator), async (context, _) =>
                StandInReport(await context.WaitForExternalEvent<string?>(CancelSignal.EventName)));
            registry.AddOrchestratorFunc<OnlineMigrationInput, MigrationReport?>(nameof(OnlineMigrationOrchestrator), async (context, input) =>
            {
                if (input.Request.Databases is [ReverseStandIn])
                {
                    // Shows what a migration replicating back after its cutover shows, and takes its rollback.
                    context.SetCustomStatus(new MigrationStatus(MigrationPhase.ReplicatingBack, DateTime.UnixEpoch, 1, 1, 1, 1, 1, 1, null, [], 0, [])
                    {
                        Replication = new ReplicationStatus("a:1", "a:1", "a:2", "a:2", 0, 0, 0, 1, 1, true, 3, 0, null, null, null)
                        {
                            Direction = ReplicationDirection.Reverse,
                        },
                    });
                    return StandInReport((await context.WaitForExternalEvent<CutoverRequest>(OnlineMigrationOrchestrator.RollbackEvent)).RequestedBy);
                }

                return StandInReport(await context.WaitForExternalEvent<string?>(CancelSignal.EventName));
            });
            registry.AddOrchestratorFunc<MigrationRequest, string>(nameof(ValidationOrchestrator), (_, request) => string.Join(",", request.Databases));
        },
        new DurableTaskTestHostOptions { Port = FlexMigrate.Cli.Hosting.LoopbackPort.Free() });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public void Every_http_trigger_requires_a_function_key_except_the_dashboard_page()
    {
        var triggers = typeof(MigrationsHttp).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters().Select(p => (Function: m.GetCustomAttribute<FunctionAttribute>()?.Name, Trigger: p.GetCustomAttribute<HttpTriggerAttribute>())))
            .Where(x => x.Trigger is not null)
            .ToList();

        Assert.Equal(
            ["CancelMigration", "ControlMigration", "CutoverMigration", "Dashboard", "FinishMigration", "GetMigration", "GetMigrationReport", "ListMigrations", "Precheck", "ResumeMigration", "RollbackMigration", "StartMigration", "ValidateMigration"],
            triggers.Select(t => t.Function).Order(StringComparer.Ordinal));
        // The page is static and holds nothing secret (DashboardHttpTests); everything it reads or does takes the key.
        Assert.All(triggers.Where(t => t.Function != "Dashboard"), t => Assert.Equal(AuthorizationLevel.Function, t.Trigger!.AuthLevel));
        Assert.Equal(AuthorizationLevel.Anonymous, triggers.Single(t => t.Function == "Dashboard").Trigger!.AuthLevel);
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("""{"target":"target","databases":["shop"]}""", "source")]
    [InlineData("""{"source":"source","target":"nosuch","databases":["shop"]}""", "target")]
    [InlineData("""{"source":"source","target":"target"}""", "databases")]
    [InlineData("""{"source":"source","target":"target","databases":["shop"],"azure":{"targetResourceId":"/subscriptions/x/fm-tgt"}}""", "azure.targetResourceId")]
    [InlineData("""{"source":"source","target":"target","databases":["shop"],"azure":{"targetResourceId":"SINGLE"}}""", "azure.targetResourceId")]
    [InlineData("""{"source":"source","target":"target","databases":["shop"],"azure":{"sourceResourceId":"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Sql/servers/x"}}""", "azure.sourceResourceId")]
    [InlineData("""{"source":"source","target":"target","databases":["shop"],"azure":{"tuneTarget":true}}""", "azure.tuneTarget")]
    [InlineData("""{"source":"source","target":"target","databases":["shop"],"azure":{"targetResourceId":"TARGET","scaleTargetSku":"8 cores"}}""", "azure.scaleTargetSku")]
    [InlineData("""{"source":"source","target":"target","databases":["shop"],"azure":{"sourceResourceId":"SINGLE","stopSourceAfterCutover":true}}""", "azure.stopSourceAfterCutover")]
    [InlineData("""{"source":"source","target":"target","databases":["shop"],"azure":{"tuneTarget":"yes"}}""", "azure.tuneTarget")]
    public async Task A_bad_start_body_gets_400_problem_details_naming_the_field(string body, string field)
    {
        var response = await Send(http.Start(Post("migrations", body.Replace("SINGLE", SingleId, StringComparison.Ordinal).Replace("TARGET", TargetId, StringComparison.Ordinal)), Client));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        var problem = response.Json();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.True(errors.Contains(field), $"expected an error for '{field}', got: {response.Text()}");
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_azure_part_becomes_the_request_azure_options()
    {
        var v = StartMigrationValidator.Validate($$$"""
            {"source":"source","target":"target","databases":["shop"],
             "azure":{"sourceResourceId":"{{{SingleId}}}","targetResourceId":" {{{TargetId}}} ","tuneTarget":true,"scaleTargetSku":"Standard_D8ds_v4 (GeneralPurpose)"}}
            """, n => n is "source" or "target");

        Assert.Empty(v.Errors);
        Assert.Equal(new AzureMigrationOptions(SingleId, TargetId, TuneTarget: true, ScaleTargetSku: "Standard_D8ds_v4 (GeneralPurpose)"), v.Request!.Azure);
        Assert.Null(StartMigrationValidator.Validate("""{"source":"source","target":"target","databases":["shop"]}""", n => true).Request!.Azure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/report")]
    [InlineData("/cancel")]
    [InlineData("/validate")]
    [InlineData("/cutover")]
    [InlineData("/control")]
    [InlineData("/rollback")]
    [InlineData("/finish")]
    public async Task An_id_that_names_no_migration_gets_404_problem_details_naming_it_on_every_route(string route)
    {
        // An unknown id, and the id of an instance that is not a migration (a validation run): neither is a migration.
        var validation = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ValidationOrchestrator),
            new MigrationRequest("source", "target", ["shop"], [], [], new MigrationOptions()));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Client.WaitForInstanceCompletionAsync(validation, timeout.Token);
        foreach (var id in new[] { "fm-nosuch", validation })
        {
            var path = $"migrations/{id}{route}";
            var response = await Send(route switch
            {
                "/report" => MigrationsHttp.Report(Get(path), id, Client),
                "/cancel" => MigrationsHttp.Cancel(Post(path, ""), id, Client),
                "/validate" => MigrationsHttp.Validate(Post(path, ""), id, Client),
                "/cutover" => MigrationEventsHttp.Cutover(Post(path, ""), id, Client),
                "/control" => MigrationEventsHttp.Control(Post(path, """{"action":"pause"}"""), id, Client),
                "/rollback" => MigrationEventsHttp.Rollback(Post(path, ""), id, Client),
                "/finish" => MigrationEventsHttp.Finish(Post(path, ""), id, Client),
                _ => http.Get(Get(path), id, Client),
            });

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.ContentType);
            Assert.Equal(404, response.Json().GetProperty("status").GetInt32());
            Assert.Equal($"No migration with id '{id}'.", response.Json().GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Cancel_raises_the_cancel_event_and_a_finished_migration_cannot_be_cancelled_again()
    {
        var id = await StartStandInAsync();

        var accepted = await Send(MigrationsHttp.Cancel(Post($"migrations/{id}/cancel", ""), id, Client));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("cancelling", accepted.Json().GetProperty("status").GetString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ended = await Client.WaitForInstanceCompletionAsync(id, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);

        var again = await Send(MigrationsHttp.Cancel(Post($"migrations/{id}/cancel", ""), id, Client));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal($"Migration '{id}' already ended as Completed.", again.Json().GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Cancel_with_force_terminates_an_orchestration_that_does_not_react()
    {
        var id = await StartStandInAsync();

        var accepted = await Send(MigrationsHttp.Cancel(Post($"migrations/{id}/cancel?force=true", ""), id, Client));

        Assert.Equal("terminating", accepted.Json().GetProperty("status").GetString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await Client.WaitForInstanceCompletionAsync(id, timeout.Token)).RuntimeStatus);
    }

    [Fact]
    public async Task List_filters_by_runtime_status_and_names_a_bad_status()
    {
        var running = await StartStandInAsync();
        var finished = await StartStandInAsync();
        await Client.RaiseEventAsync(finished, CancelSignal.EventName, "done");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Client.WaitForInstanceCompletionAsync(finished, timeout.Token);
        await Client.WaitForInstanceStartAsync(running, timeout.Token);

        Assert.Equal([running], await ListIdsAsync("Running"));
        Assert.Equal([finished], await ListIdsAsync("completed"));
        Assert.Equal(new[] { finished, running }.Order(StringComparer.Ordinal), (await ListIdsAsync(null)).Order(StringComparer.Ordinal));

        var bad = await Send(MigrationsHttp.List(Get("migrations?status=Sideways"), Client));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.StartsWith("'Sideways' is not one of", bad.Json().GetProperty("errors").GetProperty("status").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_and_finish_are_refused_unless_the_migration_replicates_back()
    {
        var forward = await StartStandInAsync(online: true);
        var reverse = await StartStandInAsync(online: true, direction: ReplicationDirection.Reverse);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Client.WaitForInstanceStartAsync(forward, timeout.Token);
        while ((await Client.GetInstanceAsync(reverse, getInputsAndOutputs: true, timeout.Token))?.SerializedCustomStatus is null)
        {
            await Task.Delay(50, timeout.Token);
        }

        var refused = await Send(MigrationEventsHttp.Rollback(Post($"migrations/{forward}/rollback", ""), forward, Client));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.StartsWith($"Migration '{forward}' is not replicating back to its old source: rollback is possible only after a cutover",
            refused.Json().GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await Send(MigrationEventsHttp.Finish(Post($"migrations/{forward}/finish", ""), forward, Client))).StatusCode);

        var cutoverAgain = await Send(MigrationEventsHttp.Cutover(Post($"migrations/{reverse}/cutover", ""), reverse, Client));
        Assert.Equal(HttpStatusCode.Conflict, cutoverAgain.StatusCode);
        Assert.Equal($"Migration '{reverse}' has cut over and replicates back to its old source: use rollback or finish.",
            cutoverAgain.Json().GetProperty("detail").GetString());

        var accepted = await Send(MigrationEventsHttp.Rollback(Post($"migrations/{reverse}/rollback", """{"stopWrites":"confirmed","timeoutSeconds":60}"""), reverse, Client));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("Confirmed", accepted.Json().GetProperty("rollback").GetProperty("stopWrites").ToString(), ignoreCase: true);
        var ended = await Client.WaitForInstanceCompletionAsync(reverse, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal("http", ended.ReadOutputAs<MigrationReport>()!.Failure);
        await Client.RaiseEventAsync(forward, CancelSignal.EventName, "done");
    }

    [Fact]
    public async Task List_status_report_and_validate_serve_online_migrations_like_offline_ones()
    {
        var offline = await StartStandInAsync();
        var online = await StartStandInAsync(online: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Client.WaitForInstanceStartAsync(online, timeout.Token);
        await Client.WaitForInstanceStartAsync(offline, timeout.Token);

        Assert.Equal(new[] { offline, online }.Order(StringComparer.Ordinal), (await ListIdsAsync("Running")).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await Send(http.Get(Get($"migrations/{online}"), online, Client))).StatusCode);

        // Validation runs with the online migration's own request (carried in its input with the replication state).
        var validate = await Send(MigrationsHttp.Validate(Post($"migrations/{online}/validate", ""), online, Client));
        Assert.Equal(HttpStatusCode.Accepted, validate.StatusCode);
        var validationId = validate.Json().GetProperty("id").GetString()!;
        Assert.StartsWith($"{online}-validation-", validationId, StringComparison.Ordinal);
        var validation = await Client.WaitForInstanceCompletionAsync(validationId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal("online_shop", validation.ReadOutputAs<string>());

        await Client.RaiseEventAsync(online, CancelSignal.EventName, "done");
        await Client.WaitForInstanceCompletionAsync(online, timeout.Token);
        var report = await Send(MigrationsHttp.Report(Get($"migrations/{online}/report"), online, Client));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("cancelled", report.Json().GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Resume_starts_a_new_instance_of_a_cancelled_migration_linked_both_ways_and_refuses_a_running_one()
    {
        var id = await StartStandInAsync(online: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Client.WaitForInstanceStartAsync(id, timeout.Token);

        var running = await Send(MigrationsHttp.Resume(Post($"migrations/{id}/resume", ""), id, Client));
        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        Assert.Equal($"Migration '{id}' is Running: only a failed, terminated or cancelled migration can be resumed.",
            running.Json().GetProperty("detail").GetString());

        await Client.RaiseEventAsync(id, CancelSignal.EventName, "stopped");
        await Client.WaitForInstanceCompletionAsync(id, timeout.Token);
        var accepted = await Send(MigrationsHttp.Resume(Post($"migrations/{id}/resume", ""), id, Client));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var resumeId = accepted.Json().GetProperty("id").GetString()!;
        Assert.StartsWith($"{id}-resume-", resumeId, StringComparison.Ordinal);

        // The new instance runs the same request for the same migration (its ledger key), in the same mode.
        var resumed = await Client.WaitForInstanceStartAsync(resumeId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(nameof(OnlineMigrationOrchestrator), resumed.Name);
        var request = resumed.ReadInputAs<OnlineMigrationInput>()!.Request;
        Assert.Equal(id, request.MigrationId);
        Assert.Equal(["online_shop"], request.Databases);

        var newStatus = (await Send(http.Get(Get($"migrations/{resumeId}"), resumeId, Client))).Json();
        Assert.Equal(id, newStatus.GetProperty("resumeOf").GetString());
        var oldStatus = (await Send(http.Get(Get($"migrations/{id}"), id, Client))).Json();
        Assert.False(oldStatus.TryGetProperty("resumeOf", out var of) && of.ValueKind != JsonValueKind.Null);
        Assert.Equal([resumeId], oldStatus.GetProperty("resumedBy").EnumerateArray().Select(e => e.GetString()));

        // A resume of the resume is the same migration again: its id keeps the first instance's prefix.
        await Client.RaiseEventAsync(resumeId, CancelSignal.EventName, "stopped again");
        await Client.WaitForInstanceCompletionAsync(resumeId, timeout.Token);
        var again = await Send(MigrationsHttp.Resume(Post($"migrations/{resumeId}/resume", ""), resumeId, Client));
        Assert.StartsWith($"{id}-resume-", again.Json().GetProperty("id").GetString()!, StringComparison.Ordinal);
        await Client.RaiseEventAsync(again.Json().GetProperty("id").GetString()!, CancelSignal.EventName, "done");
    }

    private async Task<List<string>> ListIdsAsync(string? status)
    {
        var response = await Send(MigrationsHttp.List(Get(status is null ? "migrations" : $"migrations?status={status}"), Client));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. response.Json().EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];
    }

    /// <summary>The database name that makes the online stand-in replicate back (status direction reverse, takes rollback).</summary>
    private const string ReverseStandIn = "reverse_shop";

    private async Task<string> StartStandInAsync(bool online = false, ReplicationDirection direction = ReplicationDirection.Forward)
    {
        var id = "fm-http-" + Guid.NewGuid().ToString("N")[..10];
        if (online)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator), new OnlineMigrationInput(
                new MigrationRequest("source", "target", [direction == ReplicationDirection.Reverse ? ReverseStandIn : "online_shop"], [], [],
                    new MigrationOptions(Mode: MigrationMode.Online))), new StartOrchestrationOptions(id));
        }
        else
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(nameof(MigrationOrchestrator),
                new MigrationRequest("source", "target", ["shop"], [], [], new MigrationOptions()), new StartOrchestrationOptions(id));
        }

        return id;
    }

    /// <summary>What the stand-in migrations return once cancelled.</summary>
    private static MigrationReport StandInReport(string? reason) =>
        new(MigrationOutcome.Cancelled, DateTime.UnixEpoch, DateTime.UnixEpoch, 0, 0, 0, [], [], false, null, null) { Failure = reason };

    private static FakeHttpRequest Get(string route) => new("GET", Base + route);

    private static FakeHttpRequest Post(string route, string body) => new("POST", Base + route, body);

    private static async Task<FakeHttpResponse> Send(Task<Microsoft.Azure.Functions.Worker.Http.HttpResponseData> call) => (FakeHttpResponse)await call;
}
