using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portique.Common.Data;

namespace Portique.Invoicing.Subcontracting;

/// <summary>
/// Silence is tacit validation: every A9/A12 invoice whose validator let the 15 days pass is validated tacitly
/// (ABSENCE_VALIDATION_1_HORS_DELAI) and routed to its public buyer, who is told by e-mail. Run by the worker every
/// minute and before every validator read or decision, so no one sees a deadline that has already passed.
/// </summary>
public sealed class ValidationDeadlines(PortiqueDb db, InvoiceNotifier notifier, TimeProvider clock)
{
    /// <summary>The most invoices one sweep settles; the next sweep takes the rest.</summary>
    public const int Batch = 500;

    /// <summary>Settles the expired validations; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nowTicks = now.UtcTicks;
        var expired = await db.Set<InvoiceValidation>()
            .Where(v => v.Outcome == ValidationOutcome.Pending && v.DueAtTicks <= nowTicks)
            .OrderBy(v => v.DueAtTicks).Take(Batch).ToListAsync(ct);
        if (expired.Count == 0)
            return 0;
        var ids = expired.Select(v => v.InvoiceId).ToList();
        var invoices = await db.Set<Invoice>().Include(i => i.History).Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var settled = expired.Where(v => v.ValidateTacitly(invoices[v.InvoiceId], now)).Select(v => invoices[v.InvoiceId]).ToList();
        await notifier.NotifyAsync(settled, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node or request settled them first.
            db.ChangeTracker.Clear();
            return 0;
        }
        return settled.Count;
    }
}

/// <summary>Runs <see cref="ValidationDeadlines"/> at start-up and then every minute.</summary>
public sealed class ValidationDeadlineWorker(IServiceScopeFactory scopes, ILogger<ValidationDeadlineWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ValidationDeadlines>().SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Tacit validation sweep failed; retrying in a minute");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
