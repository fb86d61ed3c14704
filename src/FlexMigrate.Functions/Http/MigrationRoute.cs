using FlexMigrate.Api;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Functions.Http;

/// <summary>Every route that addresses one migration answers through here: its instance, or a 404 problem naming the id.</summary>
internal static class MigrationRoute
{
    /// <summary>Answers with <paramref name="respond"/> for the migration <paramref name="id"/>, or 404 problem details naming it.</summary>
    public static async Task<HttpResponseData> RespondAsync(
        HttpRequestData request, DurableTaskClient client, string id, bool inputsAndOutputs, Func<OrchestrationMetadata, Task<HttpResponseData>> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        return await MigrationInstances.FindAsync(client, id, inputsAndOutputs) is { } meta
            ? await respond(meta)
            : await HttpJson.ProblemAsync(request, ProblemDetails.MigrationNotFound(id));
    }

}
