using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FlexMigrate.Api.Dashboard;
using FlexMigrate.Functions.Http;

namespace FlexMigrate.Tests.Functions;

/// <summary>
/// The dashboard page as the Functions app serves it (the same files the CLI serves, checked in a browser by the
/// integration tests): the folder address, content types and security headers, only embedded files, and nothing
/// secret or inline in the page.
/// </summary>
public sealed partial class DashboardHttpTests
{
    private const string Base = "https://fm.test/api/dashboard";

    [Fact]
    public async Task The_folder_address_without_a_slash_redirects_to_it()
    {
        var response = (FakeHttpResponse)await DashboardHttp.Page(new FakeHttpRequest("GET", Base + "?x=1"), null);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/api/dashboard/?x=1", Assert.Single(response.Headers.GetValues("Location")));
    }

    [Theory]
    [InlineData("", "text/html; charset=utf-8", "<title>FlexMigrate dashboard</title>")]
    [InlineData("index.html", "text/html; charset=utf-8", "<script src=\"dashboard.js\" defer></script>")]
    [InlineData("dashboard.js", "text/javascript; charset=utf-8", "\"use strict\"")]
    [InlineData("dashboard.css", "text/css; charset=utf-8", ".progress")]
    [InlineData("vendor/uPlot.iife.min.js", "text/javascript; charset=utf-8", "uPlot")]
    public async Task Files_are_served_with_their_type_and_the_security_headers(string path, string contentType, string contains)
    {
        var response = (FakeHttpResponse)await DashboardHttp.Page(new FakeHttpRequest("GET", $"{Base}/{path}"), path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.ContentType);
        Assert.Contains(contains, response.Text(), StringComparison.Ordinal);
        Assert.Equal(DashboardAssets.SecurityHeaders["Content-Security-Policy"], Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("../host.json")]
    [InlineData("..%2Fhost.json")]
    [InlineData("/etc/passwd")]
    [InlineData("nosuch.js")]
    public async Task Only_embedded_files_exist(string path)
    {
        var response = (FakeHttpResponse)await DashboardHttp.Page(new FakeHttpRequest("GET", $"{Base}/x"), path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Fact]
    public void The_page_holds_no_secret_no_inline_script_and_no_third_party_address()
    {
        Assert.Equal(["dashboard.css", "dashboard.js", "index.html", "vendor/uPlot.LICENSE", "vendor/uPlot.iife.min.js", "vendor/uPlot.min.css"],
            DashboardAssets.Names.Order(StringComparer.Ordinal));
        foreach (var name in DashboardAssets.Names.Where(n => !n.StartsWith("vendor/", StringComparison.Ordinal)))
        {
            var text = Encoding.UTF8.GetString(DashboardAssets.Find(name)!.Content.Span);
            Assert.DoesNotMatch(Secret(), text);
            // Everything comes from this origin: the CSP (script-src 'self') would block anything else anyway.
            Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", text);
        }

        var html = Encoding.UTF8.GetString(DashboardAssets.Find("index.html")!.Content.Span);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
        Assert.DoesNotMatch(@"\sstyle=", html);
        // Values from the API go in as text, never as markup.
        var script = Encoding.UTF8.GetString(DashboardAssets.Find("dashboard.js")!.Content.Span);
        Assert.DoesNotMatch("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\(", script);
    }

    [Fact]
    public void The_vendored_chart_library_ships_with_its_licence()
    {
        var licence = Encoding.UTF8.GetString(DashboardAssets.Find("vendor/uPlot.LICENSE")!.Content.Span);

        Assert.StartsWith("The MIT License (MIT)", licence, StringComparison.Ordinal);
        Assert.Contains("Leon Sorokin", licence, StringComparison.Ordinal);
    }

    [GeneratedRegex("(?i)(password|pwd|accountkey|user id)\\s*=|sharedaccesssignature|connectionstrings__|sig=|code=[a-z0-9]")]
    private static partial Regex Secret();
}
