using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Portique.Common;
using Portique.Formats;
using Portique.Formats.Rendering;

namespace Portique.Invoicing.Consult;

/// <summary>
/// The readable renderings (HTML, PDF) of invoices, bounded and cached (issue 13, point 3). An original never changes once
/// stored, so a rendering is computed once per node and kept in a size-limited cache. Rendering is CPU work: at most one per
/// core runs at once, a request that leaves while it waits for its turn costs nothing, and a rendering that overruns its time
/// answers 503 while it finishes (and is cached) in the background. The size of what is rendered is bounded by the engine
/// (RenderBudget, RENDER-01), which is what bounds the time of one rendering: the drawing itself cannot be interrupted.
/// </summary>
public sealed class InvoiceRenderings(IConfiguration config) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions
    {
        // "Invoicing:RenderCacheBytes", 64 MB by default: a few hundred PDF renderings.
        SizeLimit = config.GetValue("Invoicing:RenderCacheBytes", 64L * 1024 * 1024),
    });
    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>How long a request waits for a rendering ("Invoicing:RenderTimeoutSeconds", 20 by default).</summary>
    public TimeSpan Timeout { get; } = TimeSpan.FromSeconds(config.GetValue("Invoicing:RenderTimeoutSeconds", 20));

    /// <summary>Text characters a rendering may hold ("Invoicing:RenderMaxCharacters").</summary>
    public long MaxCharacters { get; } = config.GetValue("Invoicing:RenderMaxCharacters", Formats.Rendering.RenderBudget.DefaultMaxCharacters);

    private long _computed;

    /// <summary>Renderings computed on this node since it started (a cached one is not computed again).</summary>
    public long Computed => Interlocked.Read(ref _computed);

    /// <summary>The HTML rendering of an invoice in a language, computed once per node (the key holds the language).</summary>
    public Task<string> HtmlAsync(long invoiceId, RenderLanguage language, Func<long, string> render, CancellationToken ct) =>
        GetAsync(invoiceId, "html-" + language, render, html => html.Length * 2L, ct);

    /// <summary>The PDF rendering of an invoice in a language, computed once per node.</summary>
    public Task<byte[]> PdfAsync(long invoiceId, RenderLanguage language, Func<long, byte[]> render, CancellationToken ct) =>
        GetAsync(invoiceId, "pdf-" + language, render, pdf => pdf.LongLength, ct);

    private async Task<T> GetAsync<T>(long invoiceId, string kind, Func<long, T> render, Func<T, long> size, CancellationToken ct) where T : class
    {
        var key = (invoiceId, kind);
        if (_cache.TryGetValue(key, out T? cached) && cached is not null)
            return cached;
        await _slots.WaitAsync(ct);
        var budget = MaxCharacters;
        // The slot is given back when the work ends, not when this request stops waiting: a core stays counted while it is busy.
        var work = Task.Run(() =>
        {
            try
            {
                if (_cache.TryGetValue(key, out T? done) && done is not null)
                    return done;
                // The client left while it waited for a slot: nothing is rendered for it.
                ct.ThrowIfCancellationRequested();
                var result = render(budget);
                Interlocked.Increment(ref _computed);
                _cache.Set(key, result, new MemoryCacheEntryOptions { Size = size(result), SlidingExpiration = TimeSpan.FromMinutes(30) });
                return result;
            }
            finally
            {
                _slots.Release();
            }
        }, CancellationToken.None);
        try
        {
            return await work.WaitAsync(Timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new PortiqueException("INVOICE_RENDERING_TIMEOUT",
                "La présentation lisible de cette facture prend trop de temps : réessayez dans un moment ou téléchargez l'original.", 503);
        }
        catch (InvoiceFormatException e) when (e.Findings.Any(f => f.Rule == Formats.Rendering.RenderBudget.TooLarge))
        {
            throw new PortiqueException("INVOICE_RENDERING_TOO_LARGE",
                $"Cette facture contient trop de texte pour être présentée lisiblement (plus de {MaxCharacters:N0} caractères) : téléchargez l'original.", 422);
        }
    }

    public void Dispose()
    {
        _cache.Dispose();
        _slots.Dispose();
    }
}
