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
        // The same file cannot be live twice (two uploads at the same moment: the second insert fails).
        b.HasIndex(s => s.SourceSha256).IsUnique().HasFilter("\"Status\" NOT IN ('Rejected', 'Failed')").HasDatabaseName("ix_vf_feed_snapshots_one_live_file");
        // At most one active snapshot per feed, enforced by the database too.
        b.HasIndex(s => s.Feed).IsUnique().HasFilter("\"Status\" = 'Active'").HasDatabaseName("ix_vf_feed_snapshots_one_active");
    }
}

internal sealed class AuthorizationConfiguration : IEntityTypeConfiguration<VerificationAuthorization>
{
    public void Configure(EntityTypeBuilder<VerificationAuthorization> b)
    {
        b.ToTable("vf_authorizations");
        b.HasKey(a => a.Id);
        b.Property(a => a.DivisionCode).HasMaxLength(12).IsRequired();
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.OperatorUserName).HasMaxLength(256);
        b.Property(a => a.Note).HasMaxLength(500);
        b.Property(a => a.ScanFileName).HasMaxLength(200);
        b.Property(a => a.ScanContentType).HasMaxLength(100);
        b.HasIndex(a => a.HouseholdId);
        b.HasIndex(a => a.DivisionCode);
    }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<VerificationReport>
{
    public void Configure(EntityTypeBuilder<VerificationReport> b)
    {
        b.ToTable("vf_reports");
        b.HasKey(r => r.Id);
        b.Property(r => r.Number).HasMaxLength(32).IsRequired();
        b.HasIndex(r => r.Number).IsUnique();
        b.Property(r => r.DivisionCode).HasMaxLength(12).IsRequired();
        b.Property(r => r.RequestedByUserName).HasMaxLength(256);
        b.Property(r => r.Verdict).HasMaxLength(24);
        b.Property(r => r.HeadIdLast6).HasMaxLength(6);
        b.Property(r => r.SnapshotIds).HasMaxLength(200);
        b.HasIndex(r => r.HouseholdId);
        b.HasIndex(r => r.DivisionCode);
        b.HasOne<VerificationAuthorization>().WithMany().HasForeignKey(r => r.AuthorizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BatchConfiguration : IEntityTypeConfiguration<VerificationBatch>
{
    public void Configure(EntityTypeBuilder<VerificationBatch> b)
    {
        b.ToTable("vf_batches");
        b.HasKey(x => x.Id);
        b.Property(x => x.DivisionCode).HasMaxLength(12).IsRequired();
        b.Property(x => x.ScopeName).HasMaxLength(100);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CreatedByUserName).HasMaxLength(256);
        b.Property(x => x.SnapshotIds).HasMaxLength(200);
        b.Property(x => x.ResultsFile).HasMaxLength(200);
        b.Property(x => x.Error).HasMaxLength(500);
        b.HasIndex(x => new { x.DivisionCode, x.Status });
        b.Ignore(x => x.IsRunning);
        // One running batch per division: a second start for the same set is refused by the database too.
        b.HasIndex(x => x.DivisionCode).IsUnique().HasFilter("\"Status\" IN ('Queued', 'Running')").HasDatabaseName("ix_vf_batches_one_running");
    }
}

internal sealed class AnomalyConfiguration : IEntityTypeConfiguration<VerificationAnomaly>
{
    public void Configure(EntityTypeBuilder<VerificationAnomaly> b)
    {
        b.ToTable("vf_anomalies");
        b.HasKey(x => x.Id);
        b.Property(x => x.DivisionCode).HasMaxLength(12).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Evidence).HasMaxLength(500);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.DecidedByUserName).HasMaxLength(256);
        b.HasIndex(x => new { x.BatchId, x.Kind });
        b.HasIndex(x => x.DivisionCode);
        b.HasIndex(x => x.HouseholdId);
        b.HasOne<VerificationBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
    }
}
