using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VerificationLiveFileAndBatchScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_vf_feed_snapshots_SourceSha256",
                table: "vf_feed_snapshots");

            migrationBuilder.CreateIndex(
                name: "ix_vf_feed_snapshots_one_live_file",
                table: "vf_feed_snapshots",
                column: "SourceSha256",
                unique: true,
                filter: "\"Status\" NOT IN ('Rejected', 'Failed')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_vf_feed_snapshots_one_live_file",
                table: "vf_feed_snapshots");

            migrationBuilder.CreateIndex(
                name: "IX_vf_feed_snapshots_SourceSha256",
                table: "vf_feed_snapshots",
                column: "SourceSha256");
        }
    }
}
