export default function OverviewPage() {
  return (
    <div className="p-6">
      <h1 className="text-xl font-semibold">Overview</h1>
    </div>
  );
}
