using System.Net;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Validation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Functions.Http;

/// <summary>
/// The migrations HTTP API: start, status, list, cancel. Function-level keys guard every route. Handlers only
/// translate HTTP to durable client calls; the orchestration does the work.
/// </summary>
public sealed class MigrationsHttp(ConfigurationConnectionCatalog connections)
{
    [Function("StartMigration")]
    public async Task<HttpResponseData> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations")] HttpRequestData request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        using var reader = new StreamReader(request.Body);
        var validation = StartMigrationValidator.Validate(await reader.ReadToEndAsync(), connections.IsConfigured);
        if (validation.Request is null)
        {
            return await HttpJson.ProblemAsync(request, ProblemDetails.BadRequest(validation.Errors));
        }

        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(MigrationOrchestrator), validation.Request);
        return await client.CreateCheckStatusResponseAsync(request, id);
    }

    [Function("GetMigration")]
    public static async Task<HttpResponseData> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "migrations/{id}")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var meta = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        return meta is null
            ? await HttpJson.ProblemAsync(request, ProblemDetails.MigrationNotFound(id))
            : await HttpJson.WriteAsync(request, HttpStatusCode.OK, MigrationStatusView.From(meta));
    }

    [Function("GetMigrationReport")]
    public static async Task<HttpResponseData> Report(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "migrations/{id}/report")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var meta = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        if (meta is null)
        {
            return await HttpJson.ProblemAsync(request, ProblemDetails.MigrationNotFound(id));
        }

        var view = MigrationStatusView.From(meta);
        return view.Report is null
            ? await HttpJson.ProblemAsync(request, ProblemDetails.Conflict(
                $"Migration '{id}' has no report: it is {meta.RuntimeStatus}{(view.Failure is null ? "" : $" ({view.Failure})")}."))
            : await HttpJson.WriteAsync(request, HttpStatusCode.OK, view.Report);
    }

    [Function("ValidateMigration")]
    public static async Task<HttpResponseData> Validate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations/{id}/validate")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var meta = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        if (meta?.Name != nameof(MigrationOrchestrator))
        {
            return await HttpJson.ProblemAsync(request, ProblemDetails.MigrationNotFound(id));
        }

        // Same connections and selection as the migration; the result is a durable instance of its own.
        var input = meta.ReadInputAs<MigrationRequest>()!;
        var validationId = await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ValidationOrchestrator), input, new StartOrchestrationOptions($"{id}-validation-{Guid.NewGuid():N}"[..(id.Length + 20)]));
        return await client.CreateCheckStatusResponseAsync(request, validationId);
    }

    [Function("ListMigrations")]
    public static async Task<HttpResponseData> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "migrations")] HttpRequestData request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var statusFilter = System.Web.HttpUtility.ParseQueryString(request.Url.Query)["status"];
        var query = new OrchestrationQuery { FetchInputsAndOutputs = false };
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
            if (meta.Name == nameof(MigrationOrchestrator))
            {
                list.Add(MigrationStatusView.From(meta));
            }
        }

        return await HttpJson.WriteAsync(request, HttpStatusCode.OK, list);
    }

    [Function("CancelMigration")]
    public static async Task<HttpResponseData> Cancel(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations/{id}/cancel")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var meta = await client.GetInstanceAsync(id);
        if (meta is null)
        {
            return await HttpJson.ProblemAsync(request, ProblemDetails.MigrationNotFound(id));
        }

        if (meta.IsCompleted)
        {
            return await HttpJson.ProblemAsync(request, ProblemDetails.Conflict($"Migration '{id}' already ended as {meta.RuntimeStatus}."));
        }

        await client.TerminateInstanceAsync(id, "cancelled through the API");
        return await HttpJson.WriteAsync(request, HttpStatusCode.Accepted, new { id, status = "cancelling" });
    }
}
