// Draws the activity series the page embeds as JSON (Chart.js, wwwroot/lib/chartjs, decision record 0005).
(() => {
  const data = JSON.parse(document.getElementById('activity-data').textContent);
  new Chart(document.getElementById('activity-chart'), {
    type: 'bar',
    data: {
      labels: data.monthLabels,
      datasets: [
        { label: data.labels[0], data: data.structures, backgroundColor: '#000091' },
        { label: data.labels[1], data: data.users, backgroundColor: '#e1000f' },
      ],
    },
    options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } },
  });
  // Invoices deposited per month, one stacked series per channel.
  const colours = ['#000091', '#e1000f', '#18753c', '#b34000', '#6a6af4'];
  new Chart(document.getElementById('invoices-chart'), {
    type: 'bar',
    data: {
      labels: data.monthLabels,
      datasets: data.channels.map((c, i) => ({ label: c.label, data: c.data, backgroundColor: colours[i % colours.length] })),
    },
    options: { animation: false, responsive: true, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
})();
