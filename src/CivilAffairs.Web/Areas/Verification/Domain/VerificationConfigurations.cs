using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilAffairs.Web.Areas.Verification.Domain;

internal sealed class FeedSnapshotConfiguration : IEntityTypeConfiguration<FeedSnapshot>
{
    public void Configure(EntityTypeBuilder<FeedSnapshot> b)
    {
        b.ToTable("vf_feed_snapshots");
        b.HasKey(s => s.Id);
        b.Property(s => s.Feed).HasConversion<string>().HasMaxLength(32);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(s => s.SourceFileName).HasMaxLength(200);
        b.Property(s => s.SourceSha256).HasMaxLength(64);
        b.Property(s => s.Encoding).HasMaxLength(16);
        b.Property(s => s.SnapshotFile).HasMaxLength(200);
        b.Property(s => s.SnapshotSha256).HasMaxLength(64);
        b.Property(s => s.ImportedByUserName).HasMaxLength(256);
        b.Property(s => s.DecidedByUserName).HasMaxLength(256);
        b.Property(s => s.Note).HasMaxLength(500);
        b.HasIndex(s => new { s.Feed, s.Status });
        b.HasIndex(s => s.SourceSha256);
        // At most one active snapshot per feed, enforced by the database too.
        b.HasIndex(s => s.Feed).IsUnique().HasFilter("\"Status\" = 'Active'").HasDatabaseName("ix_vf_feed_snapshots_one_active");
    }
}
