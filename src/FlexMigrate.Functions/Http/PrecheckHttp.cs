using System.Net;
using FlexMigrate.Api;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Precheck;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Functions.Http;

/// <summary>
/// `POST /api/precheck`: the checks a migration runs first, on demand, returned as the JSON report. The body is the
/// start-migration body (connection names, databases, tables, mode, dropExisting, azure); the precheck runs through
/// <see cref="PrecheckOrchestrator"/>, i.e. the very steps and activities a migration starts with (Azure discovery,
/// the --drop-existing downgrade), so both always agree. Nothing is written anywhere.
/// </summary>
public sealed class PrecheckHttp(ConfigurationConnectionCatalog connections)
{
    /// <summary>
    /// How long the request waits for the report: below the 230 s Azure's front end allows an HTTP request; a precheck
    /// still running then (data scans of a very large server) answers 202 with its status URLs instead.
    /// </summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(200);

    [Function("Precheck")]
    public Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "precheck")] HttpRequestData request,
        [DurableClient] DurableTaskClient client) =>
        StartMigrationValidator.RespondAsync(request, connections.IsConfigured, async input =>
        {
            ArgumentNullException.ThrowIfNull(client);
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(PrecheckOrchestrator), input,
                new StartOrchestrationOptions($"precheck-{Guid.NewGuid():N}"));
            using var wait = new CancellationTokenSource(Wait);
            try
            {
                var meta = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, wait.Token);
                return meta.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                    ? await HttpJson.WriteAsync(request, HttpStatusCode.OK, meta.ReadOutputAs<PrecheckReport>())
                    : await HttpJson.ProblemAsync(request, ProblemDetails.ServerError(
                        $"The precheck could not run: {meta.FailureDetails.Innermost()?.ErrorMessage ?? $"it ended as {meta.RuntimeStatus}."}"));
            }
            catch (OperationCanceledException) when (wait.IsCancellationRequested)
            {
                return await client.CreateCheckStatusResponseAsync(request, id);
            }
        });
}
