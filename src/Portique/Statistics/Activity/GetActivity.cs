using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Statistics.Activity;

/// <summary>
/// One month: structures and users created; invoices deposited, in all and per channel (deposit mode: DEPOT_FLUX, SAISIE,
/// DEPOT_PDF…); flows received; approval requests made and decided.
/// </summary>
public sealed record MonthActivity(string Month, long Structures, long Users, long Invoices = 0, IReadOnlyDictionary<string, long>? InvoicesByChannel = null,
    long Flows = 0, long ApprovalsRequested = 0, long ApprovalsDecided = 0);

/// <summary>Totals since go-live: invoices per channel, flows per state, approval requests per state.</summary>
public sealed record ActivityTotals(long Invoices, IReadOnlyDictionary<string, long> InvoicesByChannel, long Flows, IReadOnlyDictionary<string, long> FlowsByState,
    long Approvals, IReadOnlyDictionary<string, long> ApprovalsByState);

/// <summary>
/// Activity per month over [From, To] (months "yyyy-MM", inclusive), the totals of the range and of all time. <see cref="Channels"/>
/// lists the deposit modes met, in a stable order, so tables and charts have one column per channel.
/// </summary>
public sealed record Activity(string From, string To, IReadOnlyList<MonthActivity> Months, long StructuresInRange, long UsersInRange, long StructuresTotal, long UsersTotal,
    IReadOnlyList<string>? Channels = null, long InvoicesInRange = 0, long FlowsInRange = 0, long ApprovalsInRange = 0, ActivityTotals? SinceGoLive = null);

/// <summary>
/// The portal's activity per month, for operators (mission §6): structures and users created, invoices deposited by channel,
/// flows, approval requests. Grouped in SQL: at national volume (2.7 million accounts, tens of millions of invoices) the
/// database does in a few hundred milliseconds what loading the rows would take seconds and hundreds of MB to do. Months are
/// UTC months, as the creation dates are stored.
/// </summary>
public sealed class GetActivityHandler(PortiqueDb db, TimeProvider clock)
{
    /// <summary>Without a range: from the first month with a creation (the go-live, migrated data included) to the current month.</summary>
    public async Task<Activity> HandleAsync(string? from, string? to, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var last = to is null ? new DateOnly(now.Year, now.Month, 1) : Month(to, "to");
        var first = from is null ? await FirstMonthAsync(ct) ?? last : Month(from, "from");
        if (first > last)
            throw new PortiqueException("STATISTICS_RANGE_INVALID", "Le mois de début suit le mois de fin.");
        if (first.AddYears(50) < last)
            throw new PortiqueException("STATISTICS_RANGE_TOO_LONG", "La période ne peut dépasser 50 ans.");
        var until = last.AddMonths(1);
        var structures = await CountByMonthAsync("structures", "CreatedAt", first, until, ct);
        var users = await CountByMonthAsync("AspNetUsers", "CreatedAt", first, until, ct);
        var invoices = await CountByMonthAsync("invoices", "DepositedAt", first, until, ct, "DepositMode");
        var flows = await CountByMonthAsync("flows", "ReceivedAt", first, until, ct);
        var requested = await CountByMonthAsync("approval_requests", "RequestedAt", first, until, ct);
        var decided = await CountByMonthAsync("approval_requests", "DecidedAt", first, until, ct);
        var totals = await TotalsAsync(ct);
        var channels = Channels(totals.InvoicesByChannel.Keys);
        var months = new List<MonthActivity>();
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            var key = m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var byChannel = channels.ToDictionary(c => c, c => invoices.GetValueOrDefault($"{key}|{c}"));
            months.Add(new MonthActivity(key, structures.GetValueOrDefault(key), users.GetValueOrDefault(key), byChannel.Values.Sum(), byChannel,
                flows.GetValueOrDefault(key), requested.GetValueOrDefault(key), decided.GetValueOrDefault(key)));
        }
        return new Activity(Key(first), Key(last), months, months.Sum(m => m.Structures), months.Sum(m => m.Users),
            await db.Structures.LongCountAsync(ct), await db.Users.LongCountAsync(ct),
            channels, months.Sum(m => m.Invoices), months.Sum(m => m.Flows), months.Sum(m => m.ApprovalsRequested), totals);
    }

    /// <summary>The deposit modes in the portal's order (flow, entry, PDF), then any other met in the data, alphabetically.</summary>
    public static IReadOnlyList<string> Channels(IEnumerable<string> met) =>
        [.. KnownChannels.Concat(met.Except(KnownChannels).Order(StringComparer.Ordinal))];

    private static readonly string[] KnownChannels = [Invoicing.DepositModes.Flow, Invoicing.DepositModes.Entry, Invoicing.DepositModes.Pdf];

    private async Task<ActivityTotals> TotalsAsync(CancellationToken ct)
    {
        var invoices = await db.Set<Invoicing.Invoice>().GroupBy(i => i.DepositMode).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var flows = await db.Set<Invoicing.Flow>().GroupBy(f => f.State).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var approvals = await db.Set<Approvals.ApprovalRequest>().GroupBy(a => a.State).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        return new ActivityTotals(invoices.Sum(i => i.Count), invoices.ToDictionary(i => i.Key, i => i.Count),
            flows.Sum(f => f.Count), flows.ToDictionary(f => f.Key.ToString(), f => f.Count),
            approvals.Sum(a => a.Count), approvals.ToDictionary(a => a.Key.ToString(), a => a.Count));
    }

    public static string ToCsv(Activity activity)
    {
        var channels = activity.Channels ?? [];
        var csv = new StringBuilder("month;structures_created;users_created;invoices_deposited");
        foreach (var channel in channels)
            csv.Append(CultureInfo.InvariantCulture, $";invoices_{channel}");
        csv.Append(";flows_received;approvals_requested;approvals_decided\n");
        foreach (var m in activity.Months)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{m.Month};{m.Structures};{m.Users};{m.Invoices}");
            foreach (var channel in channels)
                csv.Append(CultureInfo.InvariantCulture, $";{m.InvoicesByChannel?.GetValueOrDefault(channel) ?? 0}");
            csv.Append(CultureInfo.InvariantCulture, $";{m.Flows};{m.ApprovalsRequested};{m.ApprovalsDecided}\n");
        }
        return csv.ToString();
    }

    private static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateOnly Month(string value, string field) =>
        DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year >= 1990
            ? month
            : throw new PortiqueException("STATISTICS_MONTH_INVALID", $"Le mois « {value} » ({field}) doit s'écrire AAAA-MM.");

    private async Task<DateOnly?> FirstMonthAsync(CancellationToken ct)
    {
        var first = await db.Database.SqlQueryRaw<string>(db.IsPostgres
            ? """SELECT to_char(min("CreatedAt") AT TIME ZONE 'UTC', 'YYYY-MM') AS "Value" FROM structures"""
            : """SELECT substr(min("CreatedAt"), 1, 7) AS "Value" FROM structures""").SingleOrDefaultAsync(ct);
        return first is null ? null : Month(first, "from");
    }

    /// <summary>
    /// Rows of <paramref name="table"/> per month of <paramref name="column"/> (key "yyyy-MM"), or per month and value of
    /// <paramref name="by"/> (key "yyyy-MM|value"). Table and column names are the code's constants, never input.
    /// </summary>
    private async Task<Dictionary<string, long>> CountByMonthAsync(string table, string column, DateOnly from, DateOnly until, CancellationToken ct, string? by = null)
    {
        // SQLite stores DateTimeOffset as ISO text, which orders and slices like the date it holds.
        var month = db.IsPostgres ? $$"""to_char("{{column}}" AT TIME ZONE 'UTC', 'YYYY-MM')""" : $$"""substr("{{column}}", 1, 7)""";
        var key = by is null ? month : $$"""{{month}} || '|' || "{{by}}" """;
        var sql = $$"""SELECT {{key}} AS "Month", COUNT(*) AS "Count" FROM "{{table}}" WHERE "{{column}}" >= {0} AND "{{column}}" < {1} GROUP BY 1""";
        object Bound(DateOnly d) => db.IsPostgres
            ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = await db.Database.SqlQueryRaw<MonthCount>(sql, Bound(from), Bound(until)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Month, r => r.Count);
    }

    private sealed record MonthCount(string Month, long Count);

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/statistics/activity", async Task<Ok<Activity>> (string? from, string? to, GetActivityHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(from, to, ct)))
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Activité par mois (opérateurs) : structures et utilisateurs créés, factures déposées par canal, flux, demandes d'approbation");
        api.MapGet("/statistics/activity.csv", async Task<FileContentHttpResult> (string? from, string? to, GetActivityHandler handler, CancellationToken ct) =>
            {
                var activity = await handler.HandleAsync(from, to, ct);
                return TypedResults.File(Encoding.UTF8.GetBytes(ToCsv(activity)), "text/csv", $"activite-{activity.From}-{activity.To}.csv");
            })
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Les mêmes séries en CSV");
    }
}
