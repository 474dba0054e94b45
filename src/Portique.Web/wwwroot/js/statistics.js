// Draws the activity series the page embeds as JSON (Chart.js, wwwroot/lib/chartjs, decision record 0004).
(() => {
  const data = JSON.parse(document.getElementById('activity-data').textContent);
  new Chart(document.getElementById('activity-chart'), {
    type: 'bar',
    data: {
      labels: data.months,
      datasets: [
        { label: data.labels[0], data: data.structures, backgroundColor: '#000091' },
        { label: data.labels[1], data: data.users, backgroundColor: '#e1000f' },
      ],
    },
    options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } },
  });
})();
