using System.Net;
using FlexMigrate.Api;
using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Online;
using FlexMigrate.Orchestration.Validation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Functions.Http;

/// <summary>
/// The migrations HTTP API: start, status, report, list, validate, cancel, resume, for offline and online migrations alike
/// (every route finds the migration through <see cref="MigrationInstances"/>). Function-level keys guard every route.
/// Handlers only translate HTTP to durable client calls; the orchestration does the work.
/// </summary>
/// <param name="connections">The configured connection names.</param>
/// <param name="artifacts">The Blob Storage artifact store, when the app settings configure one (links in GET).</param>
public sealed class MigrationsHttp(ConfigurationConnectionCatalog connections, MigrationArtifactStore? artifacts = null)
{
    [Function("StartMigration")]
    public Task<HttpResponseData> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations")] HttpRequestData request,
        [DurableClient] DurableTaskClient client) =>
        StartMigrationValidator.RespondAsync(request, connections.IsConfigured, async input =>
        {
            var id = input.Options.Mode == MigrationMode.Online
                ? await client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator), new OnlineMigrationInput(input))
                : await client.ScheduleNewOrchestrationInstanceAsync(nameof(MigrationOrchestrator), input);
            return await client.CreateCheckStatusResponseAsync(request, id);
        });

    [Function("GetMigration")]
    public Task<HttpResponseData> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "migrations/{id}")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        MigrationRoute.RespondAsync(request, client, id, inputsAndOutputs: true, async meta =>
        {
            var view = MigrationStatusView.From(meta);
            var resumes = await MigrationInstances.ResumesOfAsync(client, MigrationInstances.MigrationIdOf(meta));
            view = view with { ResumedBy = [.. resumes.Where(r => r != meta.InstanceId)] };
            // Listed live from the store, so links appear as soon as each artifact is written (the report has them only at the end).
            if (artifacts is not null)
            {
                view = view with { Artifacts = await artifacts.ListArtifactsAsync(meta.InstanceId) };
            }

            return await HttpJson.WriteAsync(request, HttpStatusCode.OK, view);
        });

    [Function("GetMigrationReport")]
    public static Task<HttpResponseData> Report(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "migrations/{id}/report")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        MigrationRoute.RespondAsync(request, client, id, inputsAndOutputs: true, meta =>
        {
            var view = MigrationStatusView.From(meta);
            return view.Report is null
                ? HttpJson.ProblemAsync(request, ProblemDetails.Conflict(
                    $"Migration '{id}' has no report: it is {meta.RuntimeStatus}{(view.Failure is null ? "" : $" ({view.Failure})")}."))
                : HttpJson.WriteAsync(request, HttpStatusCode.OK, view.Report);
        });

    /// <summary>
    /// Validates a migration again (offline or online) with its own connections and selection; the result is a durable
    /// instance of its own, whose status URLs the response gives.
    /// </summary>
    [Function("ValidateMigration")]
    public static Task<HttpResponseData> Validate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations/{id}/validate")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        MigrationRoute.RespondAsync(request, client, id, inputsAndOutputs: true, async meta =>
        {
            var validationId = await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ValidationOrchestrator), MigrationInstances.RequestOf(meta),
                new StartOrchestrationOptions($"{id}-validation-{Guid.NewGuid():N}"[..(id.Length + 20)]));
            return await client.CreateCheckStatusResponseAsync(request, validationId);
        });

    /// <summary>
    /// Resumes a migration that failed, was terminated or was cancelled: a new instance ({migration}-resume-...) runs
    /// the recorded request for the same migration id, so it continues from the target's progress ledger (copied
    /// chunks and created objects kept, a chunk caught mid-way redone, replication from its checkpoint). Its status
    /// names the migration it resumes, and the migration's status lists its resumes. 409 for one still running or
    /// one that succeeded.
    /// </summary>
    [Function("ResumeMigration")]
    public static Task<HttpResponseData> Resume(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations/{id}/resume")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        MigrationRoute.RespondAsync(request, client, id, inputsAndOutputs: true, async meta =>
        {
            if (!MigrationInstances.IsResumable(meta))
            {
                return await HttpJson.ProblemAsync(request, ProblemDetails.Conflict(
                    $"Migration '{id}' is {meta.RuntimeStatus}: only a failed, terminated or cancelled migration can be resumed."));
            }

            var migrationId = MigrationInstances.MigrationIdOf(meta);
            var resumed = MigrationInstances.RequestOf(meta) with { MigrationId = migrationId };
            var options = new StartOrchestrationOptions(MigrationInstances.ResumePrefix(migrationId) + Guid.NewGuid().ToString("N")[..12]);
            var resumeId = MigrationInstances.IsOnline(meta)
                ? await client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator), new OnlineMigrationInput(resumed), options)
                : await client.ScheduleNewOrchestrationInstanceAsync(nameof(MigrationOrchestrator), resumed, options);
            return await client.CreateCheckStatusResponseAsync(request, resumeId);
        });

    /// <summary>Every migration, offline and online, optionally only those in one durable runtime status.</summary>
    [Function("ListMigrations")]
    public static async Task<HttpResponseData> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "migrations")] HttpRequestData request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var statusFilter = System.Web.HttpUtility.ParseQueryString(request.Url.Query)["status"];
        // Inputs and outputs hold each migration's progress (custom status): without them its status could not be read.
        var query = new OrchestrationQuery { FetchInputsAndOutputs = true };
        if (statusFilter is not null)
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(statusFilter, ignoreCase: true, out var status))
            {
                return await HttpJson.ProblemAsync(request, ProblemDetails.BadRequest(new Dictionary<string, string>
                {
                    ["status"] = $"'{statusFilter}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.",
                }));
            }

            query = query with { Statuses = [status] };
        }

        var list = new List<MigrationStatusView>();
        await foreach (var meta in client.GetAllInstancesAsync(query))
        {
            if (MigrationInstances.IsMigration(meta))
            {
                list.Add(MigrationStatusView.From(meta, withReport: false));
            }
        }

        return await HttpJson.WriteAsync(request, HttpStatusCode.OK, list);
    }

    /// <summary>
    /// Cooperative cancel: raises the orchestration's "cancel" event; the migration (offline or online, in any phase,
    /// a cutover included) lets running activities finish, undoes what it changed and completes with outcome Cancelled.
    /// `?force=true` terminates the instance instead, for an orchestration that does not react (nothing is restored
    /// then; the report cannot list it).
    /// </summary>
    [Function("CancelMigration")]
    public static Task<HttpResponseData> Cancel(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations/{id}/cancel")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        MigrationRoute.RespondAsync(request, client, id, inputsAndOutputs: false, async meta =>
        {
            if (meta.IsCompleted)
            {
                return await HttpJson.ProblemAsync(request, ProblemDetails.Conflict($"Migration '{id}' already ended as {meta.RuntimeStatus}."));
            }

            var force = string.Equals(System.Web.HttpUtility.ParseQueryString(request.Url.Query)["force"], "true", StringComparison.OrdinalIgnoreCase);
            if (force)
            {
                await client.TerminateInstanceAsync(id, "terminated through the API (cancel with force=true); Azure changes were not restored");
                return await HttpJson.WriteAsync(request, HttpStatusCode.Accepted, new CancelAccepted(id, "terminating",
                    "Terminated without restoring Azure changes: check the migration's Azure changes in its status and restore them by hand."));
            }

            await client.RaiseEventAsync(id, CancelSignal.EventName, "cancelled through the API");
            return await HttpJson.WriteAsync(request, HttpStatusCode.Accepted, new CancelAccepted(id, "cancelling",
                "The migration stops after the activities in flight, restores its Azure changes and ends with outcome Cancelled. " +
                $"If it does not end, POST {request.Url.AbsolutePath}?force=true terminates it."));
        });
}

/// <summary>Body of a 202 from the cancel route.</summary>
public sealed record CancelAccepted(string Id, string Status, string Detail);
