using System.Net;
using FlexMigrate.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Functions.Http;

/// <summary>
/// `POST /api/migrations/{id}/cutover`: raises the cutover event of a running online migration. Accepted (202)
/// means the event is queued in the orchestration: it runs at the next replication turn (or right after the initial
/// load); watch `GET /api/migrations/{id}` for its progress, or for why it went back to replicating.
/// </summary>
public static class CutoverHttp
{
    [Function("CutoverMigration")]
    public static async Task<HttpResponseData> Cutover(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "migrations/{id}/cutover")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        using var reader = new StreamReader(request.Body);
        var parsed = CutoverRequestParser.Parse(await reader.ReadToEndAsync(), "http", requireMigrationId: false);
        if (parsed.Request is null)
        {
            return await HttpJson.ProblemAsync(request, ProblemDetails.BadRequest(parsed.Errors));
        }

        var problem = await CutoverRaiser.RaiseAsync(client, id, parsed.Request);
        return problem is null
            ? await HttpJson.WriteAsync(request, HttpStatusCode.Accepted, new { id, cutover = parsed.Request })
            : await HttpJson.ProblemAsync(request, problem);
    }
}
