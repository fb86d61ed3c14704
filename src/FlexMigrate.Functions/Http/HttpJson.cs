using System.Net;
using System.Text.Json;
using FlexMigrate.Api;
using Microsoft.Azure.Functions.Worker.Http;

namespace FlexMigrate.Functions.Http;

/// <summary>JSON responses of the HTTP API: camelCase, enums as strings.</summary>
internal static class HttpJson
{
    public static async Task<HttpResponseData> WriteAsync<T>(HttpRequestData request, HttpStatusCode status, T body)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", status >= HttpStatusCode.BadRequest ? "application/problem+json" : "application/json");
        await response.WriteStringAsync(JsonSerializer.Serialize(body, ApiJson.Options));
        return response;
    }

    public static Task<HttpResponseData> ProblemAsync(HttpRequestData request, ProblemDetails problem) =>
        WriteAsync(request, (HttpStatusCode)problem.Status, problem);
}
