using System.Net;
using FlexMigrate.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Functions.Http;

/// <summary>
/// The routes that raise an event on a running migration. Accepted (202) means the event is queued in the
/// orchestration; `GET /api/migrations/{id}` shows what it did.
/// <list type="bullet">
/// <item>`POST /api/migrations/{id}/cutover`: the cutover of a running online migration; it runs at the next
/// replication turn (or right after the initial load), and the status says why if it went back to replicating.</item>
/// <item>`POST /api/migrations/{id}/rollback` and `/finish` (same body as cutover): while a migration started with
/// reverseAfterCutover replicates back to its old source, make the old source the primary again, or end reverse
/// replication with the target final (docs/online.md#rollback-after-cutover); 409 at any other time.</item>
/// <item>`POST /api/migrations/{id}/control`: pause, unpause or change a setting (`{"action": "set", "name":
/// "parallelism", "value": 2}`, docs/throttling.md); the status lists it under throttle.changes with the time it took effect.</item>
/// </list>
/// </summary>
public static class MigrationEventsHttp
{
    [Function("CutoverMigration")]
    public static Task<HttpResponseData> Cutover(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations/{id}/cutover")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        RaiseSwitchAsync(request, id, client, OnlineMigrationOrchestrator.CutoverEvent);

    [Function("RollbackMigration")]
    public static Task<HttpResponseData> Rollback(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations/{id}/rollback")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        RaiseSwitchAsync(request, id, client, OnlineMigrationOrchestrator.RollbackEvent);

    [Function("FinishMigration")]
    public static Task<HttpResponseData> Finish(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations/{id}/finish")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        RaiseSwitchAsync(request, id, client, OnlineMigrationOrchestrator.FinishEvent);

    [Function("ControlMigration")]
    public static Task<HttpResponseData> Control(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations/{id}/control")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        RaiseAsync(request, body =>
        {
            var parsed = ControlRequestParser.Parse(body, "http", requireMigrationId: false);
            return (parsed.Errors, parsed.Request is null ? null : async () =>
                (await ControlRaiser.RaiseAsync(client, id, parsed.Request), new { id, control = parsed.Request }));
        });

    /// <summary>
    /// Cutover, rollback and finish take the same body (stop-writes mode, timeout) and answer with it under the event's
    /// name, e.g. <c>{"id": ..., "rollback": {...}}</c>.
    /// </summary>
    private static Task<HttpResponseData> RaiseSwitchAsync(HttpRequestData request, string id, DurableTaskClient client, string eventName) =>
        RaiseAsync(request, body =>
        {
            var parsed = CutoverRequestParser.Parse(body, "http", requireMigrationId: false);
            return (parsed.Errors, parsed.Request is null ? null : async () =>
                (await CutoverRaiser.RaiseAsync(client, id, eventName, parsed.Request),
                    new Dictionary<string, object> { ["id"] = id, [eventName] = parsed.Request }));
        });

    /// <summary>Reads the body, answers 400 with the parse errors, else raises and answers 202 or the raiser's problem.</summary>
    private static async Task<HttpResponseData> RaiseAsync(HttpRequestData request,
        Func<string, (IReadOnlyDictionary<string, string> Errors, Func<Task<(ProblemDetails? Problem, object Accepted)>>? Raise)> parse)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body);
        var (errors, raise) = parse(await reader.ReadToEndAsync());
        if (raise is null)
        {
            return await HttpJson.ProblemAsync(request, ProblemDetails.BadRequest(errors));
        }

        var (problem, accepted) = await raise();
        return problem is null ? await HttpJson.WriteAsync(request, HttpStatusCode.Accepted, accepted) : await HttpJson.ProblemAsync(request, problem);
    }
}
