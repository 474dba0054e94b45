namespace Portique.Common;

/// <summary>
/// A page of results; pages are 1-based, sizes capped so a client cannot ask for the whole table.
/// <paramref name="TotalIsCapped"/>: counting stopped at a limit (searches over large tables), so there are at least Total items.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total, bool TotalIsCapped = false)
{
    public int Pages => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public readonly record struct PageRequest(int Page = 1, int Size = 20)
{
    public const int MaxSize = 200;
    public int SafePage => Page < 1 ? 1 : Page;
    public int SafeSize => Size < 1 ? 20 : Math.Min(Size, MaxSize);
    public int Skip => (SafePage - 1) * SafeSize;
}
