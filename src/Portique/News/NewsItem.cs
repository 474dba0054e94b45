using Portique.Common;

namespace Portique.News;

/// <summary>An item of news published by the operators (new features, maintenance, webinars).</summary>
public sealed class NewsItem
{
    private NewsItem() { }

    public long Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset PublishedAt { get; private set; }
    public long PublishedBy { get; private set; }
    public DateTimeOffset? WebinarAt { get; private set; }
    public string? WebinarLink { get; private set; }

    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 10_000;
    public const int LinkMaxLength = 500;

    public static NewsItem Publish(string title, string body, DateTimeOffset? webinarAt, string? webinarLink, long operatorId, DateTimeOffset now)
    {
        var link = Validation.MaxLength(webinarLink, "lien du webinaire", LinkMaxLength);
        // Only web links: the link is e-mailed to every subscriber and shown on the portal.
        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            throw new PortiqueException("NEWS_LINK_INVALID", $"Le lien « {link} » n'est pas une adresse web (http ou https).");
        return new NewsItem
        {
            Title = Validation.Required(title, "titre", TitleMaxLength),
            Body = Validation.Required(body, "texte", BodyMaxLength),
            WebinarAt = webinarAt,
            WebinarLink = link,
            PublishedBy = operatorId,
            PublishedAt = now,
        };
    }

    /// <summary>The e-mail sent to subscribers: the item itself, so nobody has to sign in to read it.</summary>
    public string MailSubject => $"Portique — actualité : {Title}";

    public string MailBody(string newsPageLink)
    {
        var webinar = WebinarAt is { } at
            ? $"\n\nWebinaire le {Common.ParisTime.AtParis(at):dd/MM/yyyy à HH:mm} (heure de Paris){(WebinarLink is null ? "" : $" : {WebinarLink}")}"
            : WebinarLink is null ? "" : $"\n\nEn savoir plus : {WebinarLink}";
        return $"{Title}\n\n{Body}{webinar}\n\nToutes les actualités : {newsPageLink}\n\n"
            + "Vous recevez ce message parce que « Notification Actualités » est activée dans Mon compte ; désactivez-la pour ne plus le recevoir.";
    }
}
