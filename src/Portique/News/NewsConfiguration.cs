using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portique.News;

internal sealed class NewsItemConfiguration : IEntityTypeConfiguration<NewsItem>
{
    public void Configure(EntityTypeBuilder<NewsItem> b)
    {
        b.ToTable("news_items");
        b.Property(n => n.Title).HasMaxLength(NewsItem.TitleMaxLength).IsRequired();
        b.Property(n => n.Body).HasMaxLength(NewsItem.BodyMaxLength).IsRequired();
        b.Property(n => n.WebinarLink).HasMaxLength(NewsItem.LinkMaxLength);
    }
}
