using System.Net;
using FlexMigrate.Api.Dashboard;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FlexMigrate.Functions.Http;

/// <summary>
/// `GET /api/dashboard/`: the live dashboard page (static files, the same the CLI's --dashboard serves). The page
/// holds nothing secret, so it is served without a key; everything it reads or does goes through the migrations
/// API, which takes the function key (entered on the page, or given as `#key=...` in the address, which never
/// reaches a server). docs/azure.md shows where to open it.
/// </summary>
public static class DashboardHttp
{
    [Function("Dashboard")]
    public static async Task<HttpResponseData> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = DashboardAssets.RoutePrefix + "/{*path}")] HttpRequestData request,
        string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Relative links of the page resolve against its folder, so the folder's address ends in a slash.
        if (string.IsNullOrEmpty(path) && !request.Url.AbsolutePath.EndsWith('/'))
        {
            var redirect = request.CreateResponse(HttpStatusCode.MovedPermanently);
            redirect.Headers.Add("Location", request.Url.AbsolutePath + "/" + request.Url.Query);
            return redirect;
        }

        if (DashboardAssets.Find(path) is not { } asset)
        {
            return await HttpJson.ProblemAsync(request, Api.ProblemDetails.NotFound($"The dashboard has no file '{path}'."));
        }

        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", asset.ContentType);
        foreach (var (name, value) in DashboardAssets.SecurityHeaders)
        {
            response.Headers.Add(name, value);
        }

        await response.Body.WriteAsync(asset.Content);
        return response;
    }
}
