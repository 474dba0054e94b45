using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Common.Mail;

namespace Portique.News.PublishNews;

public sealed record PublishNewsRequest(string Title, string Body, DateTimeOffset? WebinarAt = null, string? WebinarLink = null);

public sealed record PublishedNews(long Id, int Recipients);

/// <summary>
/// Operators publish; every active account whose "Notification Actualités" is on gets one e-mail. The messages are
/// written in the news item's transaction by one INSERT … SELECT (no user row travels to the application, however many
/// subscribers), each with the key news:{id}:user:{userId} so that no subscriber can be queued twice.
/// </summary>
public sealed class PublishNewsHandler(PortiqueDb db, CurrentUser me, Outbox outbox, TimeProvider clock)
{
    public async Task<PublishedNews> HandleAsync(PublishNewsRequest r, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var item = NewsItem.Publish(r.Title, r.Body, r.WebinarAt, r.WebinarLink, me.Id, now);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Set<NewsItem>().Add(item);
        db.AuditEntries.Add(AuditEntry.Record(now, me.Id, "news.publish", details: item.Title));
        await db.SaveChangesAsync(ct);

        var subject = item.MailSubject;
        var body = item.MailBody(outbox.Link("/News"));
        var keyPrefix = $"news:{item.Id}:user:";
        // Column names are EF's defaults for the Identity and outbox tables; both providers accept this SQL.
        // An address longer than the outbox column (Identity allows 256) is skipped rather than failing everyone's mail.
        var recipients = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages ("To", "Subject", "Body", "CreatedAt", "Attempts", "DeduplicationKey")
            SELECT COALESCE("ContactEmail", "Email"), {subject}, {body}, {now}, 0, {keyPrefix} || "Id"
            FROM "AspNetUsers"
            WHERE "NotifyNews" AND "EmailConfirmed" AND NOT "IsDeactivated" AND length(COALESCE("ContactEmail", "Email")) <= 254
            """, ct);
        await tx.CommitAsync(ct);
        return new PublishedNews(item.Id, recipients);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/news", async Task<Created<PublishedNews>> (PublishNewsRequest request, PublishNewsHandler handler, CancellationToken ct) =>
            {
                var published = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/api/v1/news/{published.Id}", published);
            })
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Publier une actualité (opérateurs) ; e-mail à chaque utilisateur abonné aux actualités");
}
