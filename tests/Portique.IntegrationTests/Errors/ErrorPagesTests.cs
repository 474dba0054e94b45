using System.Net;
using System.Net.Http.Headers;
using Portique.Invoicing;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Errors;

/// <summary>Issue 17, point 1 over HTTP: people get French pages with the layout, software keeps ProblemDetails.</summary>
public sealed class ErrorPagesTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task An_unknown_page_is_a_french_page_and_an_unknown_api_path_stays_problem_details()
    {
        var client = app.CreateClient();
        var page = await client.GetAsync("/Invoicing/nulle/part");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Page introuvable", html, StringComparison.Ordinal);
        Assert.Contains("<header class=\"top\">", html, StringComparison.Ordinal);

        var api = await client.GetAsync("/api/v1/nulle/part");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_upload_over_the_limit_gets_the_french_413_page_before_its_body_is_read()
    {
        var (_, client) = await app.SignedInUserAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/Invoicing/1/Deposit") { Content = new Announced(Flow.MaxRequestBytes + 1) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data") { Parameters = { new NameValueHeaderValue("boundary", "x") } };
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Fichier trop volumineux", html, StringComparison.Ordinal);
        Assert.Contains("100 Mo", html, StringComparison.Ordinal);
    }

    /// <summary>A body that announces more bytes than it has: the portal must refuse it on the announcement alone.</summary>
    private sealed class Announced(long length) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync("--x--"u8.ToArray()).AsTask();

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return true;
        }
    }
}
