using System.Net;
using FlexMigrate.Api;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FlexMigrate.Functions.Http;

/// <summary>
/// `POST /api/precheck`: the same checks the migration runs first, on demand, returned as the JSON report. The body
/// is the start-migration body (connection names, databases, tables, mode); nothing is written anywhere.
/// </summary>
public sealed class PrecheckHttp(ConfigurationConnectionCatalog connections)
{
    [Function("Precheck")]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "precheck")] HttpRequestData request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body);
        var validation = StartMigrationValidator.Validate(await reader.ReadToEndAsync(), connections.IsConfigured);
        if (validation.Request is not { } input)
        {
            return await HttpJson.ProblemAsync(request, ProblemDetails.BadRequest(validation.Errors));
        }

        var report = await new PrecheckRunner().RunAsync(new PrecheckRequest(
            connections.Resolve(input.SourceConnection),
            connections.Resolve(input.TargetConnection),
            input.Databases,
            input.Options.Mode == MigrationMode.Online ? PrecheckMode.Online : PrecheckMode.Offline)
        {
            IncludeTables = input.Tables,
            ExcludeTables = input.ExcludeTables,
            Users = input.Users?.Select ?? [],
            ReplaceUsers = input.Users?.Replace ?? false,
        });
        return await HttpJson.WriteAsync(request, HttpStatusCode.OK, report);
    }
}
