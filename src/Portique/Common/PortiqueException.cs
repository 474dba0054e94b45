namespace Portique.Common;

/// <summary>
/// A business rule refused the request. The code is stable (clients and the Chorus-compatible envelope key on it);
/// the message is for people. One exception handler turns it into RFC 9457 ProblemDetails.
/// </summary>
public sealed class PortiqueException(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;

    /// <summary>The request field refused (its API name, e.g. "lignes[0].quantite"), so a page can show the message next to its own input.</summary>
    public string? Field { get; init; }

    public static PortiqueException NotFound(string code, string message) => new(code, message, 404);
    public static PortiqueException Conflict(string code, string message) => new(code, message, 409);
    public static PortiqueException Forbidden(string code, string message) => new(code, message, 403);
}
