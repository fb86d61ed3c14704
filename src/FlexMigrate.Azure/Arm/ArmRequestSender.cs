using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace FlexMigrate.Azure.Arm;

/// <summary>
/// Raw Resource Manager requests (JSON in, JSON out) and long-running-operation polling, for calls generic resources
/// cannot make: listing a server's configurations and POST actions such as stop/start.
/// LRO protocol: https://github.com/Azure/azure-resource-manager-rpc/blob/master/v1.0/async-api-reference.md
/// </summary>
internal sealed class ArmRequestSender(HttpPipeline pipeline, AzureArmOptions options)
{
    /// <summary>Sends one request; when ARM answers 201/202 with an operation header, polls it to completion.
    /// Returns the response body (null when empty or when the result came from an operation poll).</summary>
    public async Task<JsonNode?> SendAsync(
        RequestMethod method, string relativePathAndQuery, JsonNode? body, ArmCall call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.OperationTimeout);
        try
        {
            using var message = pipeline.CreateMessage();
            message.Request.Method = method;
            message.Request.Uri.Reset(new Uri(options.Endpoint, relativePathAndQuery));
            if (body is not null)
            {
                message.Request.Headers.Add("Content-Type", "application/json");
                message.Request.Content = RequestContent.Create(BinaryData.FromString(body.ToJsonString()));
            }

            await pipeline.SendAsync(message, timeout.Token);
            var response = ThrowIfFailed(message.Response, call);
            var operationUrl = OperationUrl(response);
            if (response.Status is 201 or 202 && operationUrl is { } url)
            {
                await PollAsync(url, RetryAfter(response), call, timeout.Token);
                return null;
            }

            return response.Content.ToMemory().Length == 0 ? null : JsonNode.Parse(response.Content.ToString());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw ArmErrorTranslator.Timeout(call.Operation, call.ResourceId, options.OperationTimeout);
        }
        catch (RequestFailedException e)
        {
            // Transport failures (no response at all) after the pipeline's retries.
            throw ArmErrorTranslator.Translate(e, call.Operation, call.ResourceId, call.RequiredAction);
        }
    }

    private async Task PollAsync((Uri Url, bool IsAsyncOperation) operation, TimeSpan? firstDelay, ArmCall call, CancellationToken cancellationToken)
    {
        var delay = firstDelay ?? options.PollInterval;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(delay, cancellationToken);
            using var message = pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Get;
            message.Request.Uri.Reset(operation.Url);
            await pipeline.SendAsync(message, cancellationToken);
            var response = ThrowIfFailed(message.Response, call);
            if (IsFinished(response, operation.IsAsyncOperation, call, watch.Elapsed))
            {
                return;
            }

            delay = RetryAfter(response) ?? options.PollInterval;
        }
    }

    // Azure-AsyncOperation answers 200 with {"status": InProgress|Succeeded|Failed|Canceled, "error": {...}};
    // a Location URL answers 202 while running and 200/204 when done.
    private static bool IsFinished(Response response, bool isAsyncOperation, ArmCall call, TimeSpan elapsed)
    {
        if (!isAsyncOperation)
        {
            return response.Status != 202;
        }

        var status = JsonNode.Parse(response.Content.ToString())?["status"]?.GetValue<string>() ?? "InProgress";
        if (status.Equals("Succeeded", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (status.Equals("Failed", StringComparison.OrdinalIgnoreCase) || status.Equals("Canceled", StringComparison.OrdinalIgnoreCase))
        {
            var error = JsonNode.Parse(response.Content.ToString())?["error"];
            var code = error?["code"]?.GetValue<string>() ?? status;
            var text = error?["message"]?.GetValue<string>() ?? "no message";
            throw new AzureArmException(200, code, call.ResourceId,
                $"The Azure operation to {call.Operation} on {call.ResourceId} ended {status} after {elapsed.TotalSeconds:F0} s: " +
                $"{code}: {text}. Check the server's Activity log in the portal; the server may need the change undone by hand.");
        }

        return false;
    }

    private static Response ThrowIfFailed(Response response, ArmCall call)
    {
        if (response.IsError)
        {
            throw ArmErrorTranslator.Translate(new RequestFailedException(response), call.Operation, call.ResourceId, call.RequiredAction);
        }

        return response;
    }

    private static (Uri Url, bool IsAsyncOperation)? OperationUrl(Response response)
    {
        if (response.Headers.TryGetValue("Azure-AsyncOperation", out var asyncOperation))
        {
            return (new Uri(asyncOperation), true);
        }

        return response.Headers.TryGetValue("Location", out var location) ? (new Uri(location), false) : null;
    }

    private static TimeSpan? RetryAfter(Response response) =>
        response.Headers.TryGetValue("Retry-After", out var value)
        && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
